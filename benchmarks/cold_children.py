"""The programs the cold-start benchmark (``cold_start.py``) runs, each as a fresh process
offscreen; each prints its marks (``time.monotonic`` at each stage) as ``BENCH-MARKS`` JSON once
its table has painted: the bare window with an empty table, the bare window showing the desk's
first page (optionally after one Argon2 verify), and the desk's own start with the login typed
at once or at a clerk's pace (which also prints its first page's statements as
``BENCH-FIRST-PAGE``)."""

from __future__ import annotations

CHILD_COMMON = r'''
import json, sys, time
MARKS = {"start": time.monotonic()}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView


def mark(name):
    MARKS.setdefault(name, time.monotonic())


class PaintWatch(QObject):
    """Calls ``done`` from a zero-timer once ``widget`` has received a paint event."""

    def __init__(self, widget, done):
        super().__init__(widget)
        self.done = done
        widget.installEventFilter(self)
        widget.update()

    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and self.done is not None:
            done, self.done = self.done, None
            QTimer.singleShot(0, done)
        return False


def finish():
    MARKS["painted"] = time.monotonic()
    MARKS["cpu"] = time.process_time()  # the process's CPU time so far, all threads
    print("BENCH-MARKS " + json.dumps(MARKS), flush=True)
    QApplication.instance().quit()


def give_up():
    print("BENCH-TIMEOUT", flush=True)
    QApplication.instance().exit(3)
'''

BARE_CHILD = (
    CHILD_COMMON
    + r"""
from PySide6.QtWidgets import QMainWindow
mark("imported")
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
window.setCentralWidget(view)
window.resize(1366, 740)
window.show()
mark("shown")
watch = PaintWatch(view.viewport(), finish)
QTimer.singleShot(int(sys.argv[1]), give_up)
sys.exit(app.exec())
"""
)

ROWS_CHILD = (
    CHILD_COMMON
    + r"""
# The same window showing the desk's first page: its statements replayed read-only; with a
# stored hash, one Argon2 verify of the password first (the login's comparable step).
import sqlite3
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow

timeout_ms, db, statements_file, stored_hash, password = sys.argv[1:6]
statements = json.loads(open(statements_file, encoding="utf-8").read())
mark("imported")
app = QApplication(sys.argv[:1])
if stored_hash:
    from argon2 import PasswordHasher

    PasswordHasher().verify(stored_hash, password)
    mark("verified")
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
rows = []
for sql, params in statements:
    rows = con.execute(sql, params).fetchall()
mark("queried")
columns = len(rows[0]) if rows else 1
model = QStandardItemModel(len(rows), columns)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        model.setItem(r, c, QStandardItem("" if value is None else str(value)))
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1366, 740)
window.show()
mark("shown")
watch = PaintWatch(view.viewport(), finish)
QTimer.singleShot(int(timeout_ms), give_up)
sys.exit(app.exec())
"""
)

APP_CHILD = (
    CHILD_COMMON
    + r"""
# The desk's real start (``python -m hotline_desk --data-dir DIR``), with the login typed and
# 登录 pressed as soon as the login window has painted (before the database may be ready) or,
# given ``typing_ms``, that long after it (a clerk typing: the desk loads behind the login).
import os, threading
from hotline_desk.gui.shell import app as app_module, login as login_module

timeout_ms, data_dir, username, password = sys.argv[1:5]
typing_ms = int(sys.argv[5]) if len(sys.argv) > 5 else 0
Login = login_module.LoginDialog


def login_painted_mark():
    mark("login painted")
    print("BENCH-LOGIN-PAINTED", file=sys.stderr, flush=True)  # for -X importtime


class WatchedLogin(Login):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._watch = PaintWatch(self, self._login_painted)
        if self.ctx is not None:
            mark("database ready")  # the desk opened it before the login (the old start)

    def set_context(self, *args):
        mark("database ready")
        super().set_context(*args)

    def accept(self):
        mark("logged in")
        if timer is None:  # polls from here: a 1 ms timer while the database opens would
            start_polling()  # wake the GUI thread and take the GIL from the worker
        super().accept()

    def _login_painted(self):
        login_painted_mark()
        QTimer.singleShot(int(timeout_ms), give_up)
        if typing_ms:
            QTimer.singleShot(typing_ms, self._press)
        else:
            self._press()

    def _press(self):
        self.username.setText(username)
        self.password.setText(password)
        mark("login pressed")
        self.login_button.click()


login_module.LoginDialog = WatchedLogin
OPENINGS = []
try:  # the desk's own record of its opening's stages (DeskOpening.stages), where it has one
    from hotline_desk.gui.shell import opening as opening_module

    _Opening = opening_module.DeskOpening

    class WatchedOpening(_Opening):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            OPENINGS.append(self)

    opening_module.DeskOpening = WatchedOpening
except ImportError:
    pass
FIRST_PAGE = []


def capture_first_page(ctx):
    # The statements of the window's first list_cases call (for the rows floor), and when it ran
    from sqlalchemy import event
    from hotline_desk.services.cases import queries

    local = threading.local()
    original = queries.list_cases

    def list_cases(*args, **kwargs):
        first = not FIRST_PAGE and "page query started" not in MARKS
        local.on = first
        if first:
            mark("page query started")
        try:
            return original(*args, **kwargs)
        finally:
            local.on = False
            if first:
                mark("page queried")

    def executed(conn, cursor, statement, parameters, context, executemany):
        if getattr(local, "on", False) and statement.lstrip().upper().startswith("SELECT"):
            values = [getattr(p, "value", p) for p in (parameters or ())]
            FIRST_PAGE.append((statement, values))

    for engine in {ctx.engines.reader, ctx.engines.writer}:
        event.listen(engine, "before_cursor_execute", executed)
    queries.list_cases = list_cases


_run_sessions = app_module.run_sessions


def run_sessions(app, ctx, *args, **kwargs):
    mark("modules loaded")
    for opening in OPENINGS:
        for name, at in getattr(opening, "stages", {}).items():
            mark(name)
            MARKS[name] = at
    capture_first_page(ctx)
    from hotline_desk.gui.shell.main_window import MainWindow

    built = MainWindow.__init__

    def init(self, *a, **k):
        mark("window building")
        built(self, *a, **k)
        mark("window built")

    MainWindow.__init__ = init
    return _run_sessions(app, ctx, *args, **kwargs)


app_module.run_sessions = run_sessions


def case_view():
    # The case list on the page the window opens with (我的待办 for the desk, else 全部办件).
    window = next((w for w in QApplication.topLevelWidgets()
                   if type(w).__name__ == "MainWindow" and w.isVisible()), None)
    if window is None:
        return None
    page = window.stack.currentWidget()
    found = page.findChild(QTableView) if page is not None else None
    return found if found is not None else window.findChild(QTableView)


watch = None


def done():
    print("BENCH-FIRST-PAGE " + json.dumps(FIRST_PAGE, ensure_ascii=False, default=str), flush=True)
    finish()


def poll():
    global watch
    view = case_view()
    if view is not None:
        mark("window shown")
    model = view.model() if view is not None else None
    shown = model is not None and (model.rowCount() > 0 or getattr(model, "total", None) == 0)
    if watch is None and shown:
        timer.stop()
        MARKS["rows"] = time.monotonic()
        watch = PaintWatch(view.viewport(), done)


timer = None


def start_polling():
    global timer
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(poll)
    timer.start()


from hotline_desk.cli.main import main

sys.exit(main(["--data-dir", data_dir]))
"""
)
