"""A case's files: add, list, open, save as and withdraw (附件).

Whoever sees a case (``cases.visibility.visible_to``: the office, intake and leaders every case,
a section the cases it leads, handles or assists) sees its list of files, adds files to it at
any step and opens them; a file asked for by id is looked up through its case with the same
rule, so a section user asking for another section's file gets "not found". The caller's own
papers of a 请求保密 case — the scanned letter and the call recording — are listed, flagged, but
not opened for section users (DESIGN.md §10: that caller never reaches a section in any form).

Every add and withdrawal is one transaction with its timeline event and audit row; every open
and save-as writes an audit row (``attachment_open`` with its purpose, ``attachment_save``).
Withdrawing (撤回) is for the one who added the file and for the desk: it stamps who, when and
why, and keeps the row and the bytes. Audit rows carry the attachment's id, kind, size and
digest, never its name (a name may hold a person's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from hotline_desk.domain.enums.handling import EventKind
from hotline_desk.domain.enums.intake import AttachmentKind
from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, NotFound, PermissionDenied, ValidationError
from hotline_desk.domain.routing import REASON_MAX, text_error
from hotline_desk.domain.text_input import as_written
from hotline_desk.services.admin import office
from hotline_desk.services.attachments.content import (
    CheckedFile,
    human_size,
    read_file,
    write_file,
)
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.cases.visibility import may_see_personal, visible_to
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.services.lifecycle.pipeline import add_event, load_visible
from hotline_desk.store.locks import lock_cases
from hotline_desk.store.models import Attachment, AttachmentBlob, Case, User
from hotline_desk.store.retry import with_retries

CALLER_KINDS = frozenset({AttachmentKind.LETTER_SCAN, AttachmentKind.RECORDING})
"""Kinds that carry the caller (their letter, their voice): kept from the sections on a
请求保密 case."""
PURPOSES = {"preview": "在办件台内查看", "system": "用系统程序打开", "play": "播放"}


@dataclass(frozen=True)
class AttachmentInfo:
    """One file of a case as the 附件 tab lists it (no content)."""

    id: int
    case_id: int
    case_no: str
    kind: str
    file_name: str
    extension: str
    mime: str
    size: int
    sha256: str
    added_at: datetime
    added_by_name: str
    withdrawn_at: datetime | None
    withdrawn_by_name: str
    withdraw_reason: str
    confidential: bool
    """The case is 请求保密 (the list flags its files)."""
    may_open: bool
    may_withdraw: bool

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class OpenedFile:
    """An attachment's bytes, handed out after the open was audited."""

    info: AttachmentInfo
    content: bytes


def _kind_error(kind: str) -> None:
    if kind not in {k.value for k in AttachmentKind}:
        choices = "、".join(k.label for k in AttachmentKind)
        raise ValidationError({"kind": Msg("附件类型：只能是{choices}", choices=choices)})


def _may_open(actor: Actor, kind: str, confidential: bool) -> bool:
    return not (confidential and kind in CALLER_KINDS and not may_see_personal(actor))


def _may_withdraw(actor: Actor, added_by: int | None, withdrawn: bool) -> bool:
    return not withdrawn and (Role.DESK in actor.roles or added_by == actor.user_id)


def _infos(s: Session, actor: Actor, *where: object) -> list[AttachmentInfo]:
    adder, withdrawer = aliased(User), aliased(User)
    rows = s.execute(
        select(Attachment, Case.case_no, Case.confidential, adder.display_name,
               withdrawer.display_name)
        .join(Case, Case.id == Attachment.case_id)
        .outerjoin(adder, adder.id == Attachment.added_by)
        .outerjoin(withdrawer, withdrawer.id == Attachment.withdrawn_by)
        .where(visible_to(actor), *where)
        .order_by(Attachment.id)
    ).all()  # fmt: skip
    return [
        AttachmentInfo(
            a.id, a.case_id, case_no, a.kind, a.file_name, a.extension, a.mime, a.size, a.sha256,
            a.added_at, added or "", a.withdrawn_at, withdrawn or "", a.withdraw_reason,
            confidential, _may_open(actor, a.kind, confidential),
            _may_withdraw(actor, a.added_by, a.withdrawn_at is not None),
        )
        for a, case_no, confidential, added, withdrawn in rows
    ]  # fmt: skip


def _info(s: Session, actor: Actor, attachment_id: int) -> AttachmentInfo:
    found = _infos(s, actor, Attachment.id == attachment_id)
    if not found:
        raise NotFound("附件不存在或您无权查看")
    return found[0]


def max_mb(ctx: ServiceContext) -> int:
    """The size limit per file (office setting ``attachment_max_mb``)."""
    with ctx.uow.read() as uow:
        return int(office.read(uow.session, office.ATTACHMENT_MAX_MB))


@user_input
def check_file(ctx: ServiceContext, actor: Actor, path: Path) -> CheckedFile:
    """Read and check a file before it is attached (the register form checks the files chosen
    before it saves the case); raises the refusal naming the field and what is allowed."""
    return read_file(path, max_mb(ctx))


@user_input
def list_attachments(ctx: ServiceContext, actor: Actor, case_id: int) -> tuple[AttachmentInfo, ...]:
    """The case's files, oldest first, withdrawn ones included (marked)."""
    with ctx.uow.read() as uow:
        s = uow.session
        load_visible(s, actor, case_id)
        return tuple(_infos(s, actor, Attachment.case_id == case_id))


def attachment_summaries(s: Session, case_id: int) -> list[tuple[str, str]]:
    """(name, kind) of the case's files in force, for the 交办单 (inside the caller's read)."""
    rows = s.execute(
        select(Attachment.file_name, Attachment.kind)
        .where(Attachment.case_id == case_id, Attachment.withdrawn_at.is_(None))
        .order_by(Attachment.id)
    ).all()
    return [(name, kind) for name, kind in rows]


@user_input
def add_attachment(
    ctx: ServiceContext, actor: Actor, case_id: int, kind: str, path: Path, *,
    report: Progress | None = None, token: Token | None = None,
) -> AttachmentInfo:  # fmt: skip
    """Attach the file at ``path`` to the case, with its timeline event and audit row. A
    large file reports its reading (bytes, size) and may be cancelled (``token``) until it is
    read: then nothing is stored."""
    _kind_error(kind)
    checked = read_file(path, max_mb(ctx), report, token)
    return _store_checked(ctx, actor, case_id, kind, checked)


def _store_checked(
    ctx: ServiceContext, actor: Actor, case_id: int, kind: str, checked: CheckedFile
) -> AttachmentInfo:
    """``add_attachment``'s transaction for a file already read and checked."""
    _kind_error(kind)
    now = ctx.now()

    def attempt() -> AttachmentInfo:
        with ctx.uow.write() as uow:
            s = uow.session
            lock_cases(s, (case_id,))
            case = load_visible(s, actor, case_id)
            row = Attachment(case_id=case.id, kind=kind, file_name=checked.file_name,
                             mime=checked.mime, extension=checked.extension, size=checked.size,
                             sha256=checked.sha256, added_at=now, added_by=actor.user_id,
                             withdraw_reason="")  # fmt: skip
            s.add(row)
            s.flush()
            s.add(AttachmentBlob(attachment_id=row.id, content=checked.content))
            summary = Msg("添加附件：{name}（{kind}，{size}）", name=checked.file_name,
                          kind=AttachmentKind(kind), size=human_size(checked.size))  # fmt: skip
            add_event(s, case, actor, EventKind.ATTACHMENT_ADDED, now, summary, case.status)
            record_audit(s, now, actor, "attachment_add", "case", case.case_no,
                         {"attachment": row.id, "kind": kind, "bytes": checked.size,
                          "sha256": checked.sha256})  # fmt: skip
            s.flush()
            info = _info(s, actor, row.id)
            uow.commit()
            return info

    return with_retries(attempt)


@user_input
def open_attachment(
    ctx: ServiceContext, actor: Actor, attachment_id: int, purpose: str = "preview", *,
    token: Token | None = None,
) -> OpenedFile:  # fmt: skip
    """The file's bytes to show, play or hand to the system viewer; audited each time (not
    when cancelled before the bytes were handed over)."""
    if purpose not in PURPOSES:
        raise ValidationError(
            {"purpose": Msg("用途：只能是{choices}", choices="、".join(PURPOSES.values()))}
        )
    with ctx.uow.write() as uow:
        s = uow.session
        info = _opened(s, actor, attachment_id)
        record_audit(s, ctx.now(), actor, "attachment_open", "case", info.case_no,
                     {"attachment": info.id, "kind": info.kind, "purpose": purpose})  # fmt: skip
        content = _content(s, info.id)
        if token is not None:
            token.check()  # the audit row goes with the transaction
        uow.commit()
    return OpenedFile(info, content)


@user_input
def save_attachment(
    ctx: ServiceContext, actor: Actor, attachment_id: int, out: Path, *,
    report: Progress | None = None, token: Token | None = None,
) -> Path:  # fmt: skip
    """另存为: write the file to ``out`` (chosen in a dialog), audited; the audit row is kept
    only when the file was written whole (a cancel or a failure leaves neither the file nor
    the row; ``content.write_file``)."""
    with ctx.uow.write() as uow:
        s = uow.session
        info = _opened(s, actor, attachment_id)
        record_audit(s, ctx.now(), actor, "attachment_save", "case", info.case_no,
                     {"attachment": info.id, "kind": info.kind, "bytes": info.size})  # fmt: skip
        try:
            write_file(out, _content(s, info.id), report, token)
        except OSError as exc:
            raise ValidationError({"out": Msg("保存位置：无法写入 {path}（{why}）", path=str(out),
                                              why=exc.strerror or str(exc))}) from None  # fmt: skip
        uow.commit()
    return out


@user_input
def withdraw_attachment(
    ctx: ServiceContext, actor: Actor, attachment_id: int, reason: str
) -> AttachmentInfo:
    """撤回 a file: marked withdrawn (who, when, why); the row and its bytes stay."""
    problem = text_error("撤回原因", reason, REASON_MAX)
    if problem:
        raise ValidationError({"reason": problem})
    now = ctx.now()

    def attempt() -> AttachmentInfo:
        with ctx.uow.write() as uow:
            s = uow.session
            case_id = s.execute(
                select(Attachment.case_id).where(Attachment.id == attachment_id)
            ).scalar()
            lock_cases(s, (case_id,) if case_id is not None else ())
            info = _info(s, actor, attachment_id)
            if info.withdrawn:
                at = info.withdrawn_at
                raise ValidationError({"attachment_id": Msg("附件已于 {at} 撤回", at=at)})
            if not info.may_withdraw:
                raise PermissionDenied("只有添加此附件的人或办公室督办员可以撤回附件")
            row = s.get_one(Attachment, attachment_id)
            row.withdrawn_at, row.withdrawn_by = now, actor.user_id
            row.withdraw_reason = as_written(reason)
            case = s.get_one(Case, info.case_id)
            summary = Msg("撤回附件：{name}（{kind}）。原因：{reason}", name=info.file_name,
                          kind=AttachmentKind(info.kind), reason=row.withdraw_reason)  # fmt: skip
            add_event(s, case, actor, EventKind.ATTACHMENT_WITHDRAWN, now, summary, case.status)
            record_audit(s, now, actor, "attachment_withdraw", "case", info.case_no,
                         {"attachment": info.id, "kind": info.kind})  # fmt: skip
            s.flush()
            fresh = _info(s, actor, attachment_id)
            uow.commit()
            return fresh

    return with_retries(attempt)


def _opened(s: Session, actor: Actor, attachment_id: int) -> AttachmentInfo:
    info = _info(s, actor, attachment_id)
    if not info.may_open:
        raise PermissionDenied(
            "来电人要求保密，{kind}不向承办单位提供，请经办公室转达", kind=AttachmentKind(info.kind)
        )
    return info


def _content(s: Session, attachment_id: int) -> bytes:
    return bytes(s.get_one(AttachmentBlob, attachment_id).content)
