"""K1 of issue 14's security test: ``audit key import`` must not silently replace a key this
machine already keeps for the database. The database stores only an 8-hex (32-bit) fingerprint,
so another key with the same fingerprint is found by brute force; the import compares the whole
key and refuses a different one unless told ``replace`` (which is audited)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from hotline_desk.services.audit import import_key
from hotline_desk.services.context import ServiceContext
from hotline_desk.store import audit_key
from tests.conftest import TEST_AUDIT_KEY


def test_a_different_key_with_the_same_fingerprint_is_not_imported(
    ctx: ServiceContext,
    tmp_path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(audit_key.ENV_AUDIT_KEY)
    monkeypatch.setattr(audit_key, "_directory", tmp_path / "keys")
    audit_key.forget_cached()
    with ctx.uow.read() as uow:
        db_id, key_fp = uow.session.execute(text("SELECT db_id, key_fp FROM audit_head")).one()
    good = bytes.fromhex(TEST_AUDIT_KEY)
    audit_key.store_key(db_id, good)
    # the brute-forced collision: every key shows the database's fingerprint
    monkeypatch.setattr(audit_key, "fingerprint", lambda _key: key_fp)
    other = bytes.fromhex("a5" * 32)
    forged = audit_key.export_text(db_id, other)
    with pytest.raises(audit_key.AuditKeyMissing, match="另一把审计密钥"):
        import_key(ctx, forged, "os:mallory")
    audit_key.forget_cached()
    assert audit_key.stored_key(db_id) == good
    assert import_key(ctx, audit_key.export_text(db_id, good), "os:alice")  # the same: fine
    import_key(ctx, forged, "os:admin", replace=True)
    assert audit_key.stored_key(db_id) == other
    with ctx.uow.read() as uow:
        details = uow.session.execute(
            text("SELECT detail FROM audit_log WHERE action = 'audit_key_imported' ORDER BY id")
        ).scalars()
        replaced = [json.loads(d)["replaced"] for d in details]
    assert replaced == [False, True]
    audit_key.forget_cached()
