"""``hotline-desk attach`` on both engines, and attachments through ``backup`` / ``restore``: a
desk user stores a file and sees what was stored; refused types and sizes exit 1 with the field
named; another section's case is not found; a backup restored brings the bytes back intact."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from hotline_desk.cli.login import ENV_PASSWORD
from hotline_desk.cli.main import main
from hotline_desk.services.admin.setup import open_desk
from hotline_desk.services.attachments import files
from hotline_desk.services.backup.backups import DeskPlace
from hotline_desk.services.context import ServiceContext
from hotline_desk.store.models import Attachment, AttachmentBlob
from tests.conftest import add_user
from tests.services.test_attachments import PDF, png_bytes
from tests.services.test_backup import drop_kept
from tests.services.test_lifecycle_paths import Office

PASSWORD = "Cli-Attach#2026q"


@pytest.fixture
def cli(ctx: ServiceContext, db_url: str, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_PASSWORD, PASSWORD)
    base = ["--database-url", db_url, "--data-dir", str(tmp_path)]

    def run(*argv: str) -> int:
        return main([argv[0], *base, *argv[1:]])

    return run


def test_attach_prints_what_was_stored_and_refuses_bad_files(cli, ctx: ServiceContext,  # type: ignore[no-untyped-def]
                                                            make_actor, tmp_path: Path,
                                                            capsys) -> None:  # fmt: skip
    desk = add_user(ctx, "desk", "intake", password=PASSWORD)
    case = Office(ctx, make_actor).register()
    photo = tmp_path / "现场.png"
    photo.write_bytes(png_bytes())
    assert cli("attach", case.case_no, str(photo), "--kind", "photo", "--user", desk.username) == 0
    out = capsys.readouterr().out
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert f"已存入办件 {case.case_no}" in out and "照片" in out and "PNG" in out
    assert digest in out
    (stored,) = files.list_attachments(ctx, desk, case.id)
    assert (stored.file_name, stored.sha256) == ("现场.png", digest)

    exe = tmp_path / "录音.mp3"
    exe.write_bytes(b"MZ" + b"\x00" * 300)
    assert cli("attach", case.case_no, str(exe), "--user", desk.username) == 1
    err = capsys.readouterr().err
    assert "文件类型：" in err and "允许的类型" in err and "Traceback" not in err
    assert cli("attach", case.case_no, str(photo), "--kind", "x", "--user", desk.username) == 1
    assert "附件类型：只能是" in capsys.readouterr().err
    assert cli("attach", "RX20990101-0001", str(photo), "--user", desk.username) == 1
    assert "办件编号：" in capsys.readouterr().err
    assert cli("attach", case.case_no, str(tmp_path / "none.pdf"), "--user", desk.username) == 1
    assert "文件：找不到" in capsys.readouterr().err
    # another section's handler cannot even find the case
    stranger = add_user(ctx, "handler", unit="ZXQY", password=PASSWORD)
    assert cli("attach", case.case_no, str(photo), "--user", stranger.username) == 1
    assert len(files.list_attachments(ctx, desk, case.id)) == 1


def test_attachments_survive_backup_and_restore(cli, ctx: ServiceContext, db_url: str,  # type: ignore[no-untyped-def]
                                                make_actor, tmp_path: Path, capsys,
                                                request) -> None:  # fmt: skip
    office = Office(ctx, make_actor)
    case = office.register()
    big = PDF + bytes(range(256)) * 4096  # 1 MB of every byte value
    (tmp_path / "来信.pdf").write_bytes(big)
    info = files.add_attachment(ctx, office.desk, case.id, "letter_scan", tmp_path / "来信.pdf")
    assert main(["--data-dir", str(tmp_path), "--database-url", db_url, "backup"]) == 0
    backup_dir = next(p for p in (tmp_path / "backups").rglob("manifest.json")).parent
    # after the backup the file is withdrawn and another is added: the restore undoes both
    files.withdraw_attachment(ctx, office.desk, info.id, "误传")
    (tmp_path / "p.png").write_bytes(png_bytes())
    files.add_attachment(ctx, office.desk, case.id, "photo", tmp_path / "p.png")
    ctx.engines.dispose()
    capsys.readouterr()
    where = ["--data-dir", str(tmp_path), "--database-url", db_url]
    assert main([*where, "restore", str(backup_dir), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "已恢复" in out and "attachment_blobs" in out
    kept = out.split("原数据库保留为：")[1].split()[0]
    request.addfinalizer(lambda: drop_kept(DeskPlace(db_url, tmp_path), kept))
    fresh = open_desk(db_url)
    try:
        with fresh.uow.read() as uow:
            rows = uow.session.execute(
                select(Attachment.sha256, Attachment.withdrawn_at, AttachmentBlob.content)
                .join(AttachmentBlob, AttachmentBlob.attachment_id == Attachment.id)
            ).all()  # fmt: skip
    finally:
        fresh.engines.dispose()
    assert len(rows) == 1
    sha, withdrawn, content = rows[0]
    assert withdrawn is None and bytes(content) == big
    assert sha == hashlib.sha256(big).hexdigest() == info.sha256


def test_the_attach_command_speaks_chinese_then_english() -> None:
    done = subprocess.run([sys.executable, "-m", "hotline_desk", "attach", "--help"],
                          capture_output=True, text=True, encoding="utf-8", check=True)  # fmt: skip
    assert "附件类型" in done.stdout and "attachment's kind" in done.stdout
    assert done.stdout.index("存入办件") < done.stdout.index("stores the file")
