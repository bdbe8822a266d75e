"""The audit chain's watch also reports the audit tables' database guard: with a trigger dropped
the audit admin's red banner says 审计日志的数据库保护未生效 and names it; a clerk sees nothing;
two desks finding the same problems record one event."""

from __future__ import annotations

from sqlalchemy import select, text

from hotline_desk.gui.shell.main_window import MainWindow
from hotline_desk.store.models import AuditLog
from tests.conftest import add_user


def test_banner_names_the_weak_guard_for_the_audit_admin(qtbot, app, ctx) -> None:  # type: ignore[no-untyped-def]
    auditor = add_user(ctx, "audit_admin", username="shenji", display_name="审计员甲")
    clerk = add_user(ctx, "intake", username="dengji", display_name="登记员丙")
    with ctx.engines.writer.connect() as conn, conn.begin():  # the GUI tests run on SQLite
        conn.execute(text("DROP TRIGGER audit_head_update_guard"))
    windows = {}
    for who, actor in (("clerk", clerk), ("auditor", auditor)):
        window = MainWindow(ctx, actor)
        qtbot.addWidget(window)
        window.show()
        with qtbot.waitSignal(window.audit_watch.checked, timeout=10_000) as got:
            window.audit_watch.check()
        assert got.args[0].ok  # the chain itself is intact
        windows[who] = window
    assert not windows["clerk"].audit_watch.banner.isVisible()
    banner = windows["auditor"].audit_watch.banner
    assert banner.isVisible()
    assert banner.text.text().startswith("审计日志的数据库保护未生效：")
    assert "audit_head_update_guard" in banner.text.text() and "校验失败" not in banner.text.text()
    with ctx.uow.read() as uow:
        events = uow.session.execute(
            select(AuditLog.id).where(AuditLog.action == "audit_guard_weak")
        ).all()
    assert len(events) == 1  # two desks found the same problems: one event
    banner.grab().save("/tmp/h14/hx_pgguard_banner.png")
