"""The 答复函 as Word (.docx), and the office's editable Word template for it.

``word_letter`` fills the same ``LetterData`` the PDF letter prints (``print_data.letter_data``:
the same masking, 文号, date and contact) into the office's template and audits it like a print
(``print_letter``, output ``docx_file``; ``personal_reveal`` when shown in full). The template is
the built-in one (reports/letter_docx.py) until the 系统管理员 loads an edited one: it is kept in
the database as an office setting (base64), so every workstation uses it; loading and going back
to the built-in one are audited, and a template lacking a required placeholder is refused with
the placeholders named.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hotline_desk.domain.errors import Msg, PermissionDenied, ValidationError
from hotline_desk.domain.permissions import LETTER_TEMPLATE_ROLES, require
from hotline_desk.reports import letter_docx
from hotline_desk.reports.doc_data import PrintMeta
from hotline_desk.services.admin import office
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.cases.visibility import may_see_personal
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.output.print_data import letter_data, letter_office
from hotline_desk.services.output.printing import case_ids_for, load_visible
from hotline_desk.store.models.office import OfficeSetting
from hotline_desk.store.models.org import User

TEMPLATE = office.LETTER_DOCX_TEMPLATE
ADMINS = LETTER_TEMPLATE_ROLES


@dataclass(frozen=True)
class WordLetter:
    case_no: str
    data: bytes
    revealed: bool

    @property
    def file_name(self) -> str:
        return f"{self.case_no}_答复函.docx"


@dataclass(frozen=True)
class TemplateInfo:
    """The template in use: the built-in one or the one loaded (by whom, when)."""

    data: bytes
    custom: bool
    loaded_at: datetime | None = None
    loaded_by: str = ""


def _stored(s: Session) -> tuple[bytes, datetime | None, str] | None:
    row = s.execute(
        select(OfficeSetting.value, OfficeSetting.updated_at, User.display_name)
        .outerjoin(User, User.id == OfficeSetting.updated_by)
        .where(OfficeSetting.key == TEMPLATE.key)
    ).first()  # fmt: skip
    text = office.read(s, TEMPLATE) if row is not None else ""
    if not text:
        return None
    return base64.b64decode(text), row.updated_at if row else None, (row[2] or "") if row else ""


def template_in_use(s: Session) -> bytes:
    stored = _stored(s)
    return stored[0] if stored else letter_docx.default_template()


@user_input
def word_letter(ctx: ServiceContext, actor: Actor, case_id: int, *,
                reveal: bool = False) -> WordLetter:  # fmt: skip
    """The case's 答复函 as a .docx (masked unless ``reveal``), audited as a Word file."""
    if reveal and not may_see_personal(actor):
        raise PermissionDenied("您没有查看来电人个人信息的权限，只能打印脱敏后的文书")
    now = ctx.now()
    with ctx.uow.read() as uow:
        s = uow.session
        case = load_visible(s, actor, case_id)
        letter = letter_data(case, now, reveal, letter_office(s))
        bureau, font = office.read_many(s, (office.BUREAU_NAME, office.PDF_FONT))
        template = template_in_use(s)
        revealed = reveal and not case.confidential
    meta = PrintMeta(bureau, actor.display_name, now, font, actor.username)
    data = letter_docx.render_letter_docx(template, letter, meta)
    with ctx.uow.write() as uow:
        s = uow.session
        record_audit(s, now, actor, "print_letter", "case", letter.case_no, {"output": "docx_file"})
        if revealed:
            record_audit(s, now, actor, "personal_reveal", "case", letter.case_no,
                         {"purpose": "print_letter", "output": "docx_file"})  # fmt: skip
        uow.commit()
    return WordLetter(letter.case_no, data, revealed)


@user_input
def write_word_letter(ctx: ServiceContext, actor: Actor, case_no: str, path: Path, *,
                      reveal: bool = False) -> WordLetter:  # fmt: skip
    """The command line's Word letter: render, audit, write ``path``."""
    (case_id,) = case_ids_for(ctx, actor, [case_no])
    letter = word_letter(ctx, actor, case_id, reveal=reveal)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(letter.data)
    return letter


@signed_in
def letter_template(ctx: ServiceContext, actor: Actor) -> TemplateInfo:
    """The template in use, to save to a file and edit in Word (系统管理员)."""
    require(actor.roles, ADMINS, "管理答复函模板")
    with ctx.uow.read() as uow:
        stored = _stored(uow.session)
    if stored is None:
        return TemplateInfo(letter_docx.default_template(), False)
    return TemplateInfo(stored[0], True, stored[1], stored[2])


def _check(data: bytes) -> None:
    missing = letter_docx.missing_placeholders(data)  # ValidationError when not a .docx
    if missing:
        raise ValidationError(
            {
                "template": Msg(
                    "模板缺少必需的占位符：{names}，请在 Word 中补上后再载入", names=tuple(missing)
                )
            }  # fmt: skip
        )


@user_input
def load_letter_template(ctx: ServiceContext, actor: Actor, data: bytes) -> TemplateInfo:
    """Use an edited template from now on, on every workstation; audited with its SHA-256.
    Refused (nothing stored) when it is not a .docx or lacks a required placeholder."""
    require(actor.roles, ADMINS, "管理答复函模板")
    _check(data)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        office.write(s, TEMPLATE, base64.b64encode(data).decode("ascii"), actor.user_id, now)
        found = sorted(letter_docx.placeholders_in(data) & set(letter_docx.PLACEHOLDERS))
        record_audit(s, now, actor, "letter_template_load", "setting", TEMPLATE.key,
                     {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                      "placeholders": found})  # fmt: skip
        uow.commit()
    return TemplateInfo(data, True, now, actor.display_name)


@signed_in
def reset_letter_template(ctx: ServiceContext, actor: Actor) -> TemplateInfo:
    """Back to the built-in template (audited; nothing happens when it is in use already)."""
    require(actor.roles, ADMINS, "管理答复函模板")
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        if _stored(s) is not None:
            s.execute(delete(OfficeSetting).where(OfficeSetting.key == TEMPLATE.key))
            record_audit(s, now, actor, "letter_template_reset", "setting", TEMPLATE.key, {})
            uow.commit()
    return TemplateInfo(letter_docx.default_template(), False)
