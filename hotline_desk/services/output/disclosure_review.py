"""The letters of the 政务公开 list and their pre-publication review: which letters a period
publishes, each one's texts with the detector's findings (``domain.privacy.detector``) and the
reviewer's decisions applied (``domain.privacy.disclosure``), and the decisions themselves —
keep a found text, hide a missed one, confirm the letter, undo a decision — each one transaction
with its
audit row (no personal data in it: the kind and the length, never the text).

Only the roles that export the list (``DISCLOSURE_ROLES``: the desk) review it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, not_, select
from sqlalchemy.orm import Session, aliased

from hotline_desk.domain.enums.handling import CaseStatus
from hotline_desk.domain.enums.intake import Category, Channel
from hotline_desk.domain.errors import NotFound, ValidationError
from hotline_desk.domain.periods import Period
from hotline_desk.domain.permissions import DISCLOSURE_ROLES, require
from hotline_desk.domain.privacy.detector import find_personal
from hotline_desk.domain.privacy.disclosure import (
    Choice,
    ReviewAction,
    Span,
    hide_problem,
    published,
    review_text,
)
from hotline_desk.domain.privacy.findings import Kind, Known
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.services.stats.sql import within
from hotline_desk.store.models import Case, DisclosureDecision, OrgUnit, Topic, User

TEXT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "标题"), ("content", "来信内容"), ("reply_text", "答复内容"),
)  # fmt: skip
"""The free texts the list publishes, in the order the review shows them."""


@dataclass(frozen=True)
class ReviewedText:
    """One published text of a letter: as written, and its replacements after the review."""

    field: str
    label: str
    original: str
    spans: tuple[Span, ...]

    @property
    def published(self) -> str:
        return published(self.original, self.spans)


@dataclass(frozen=True)
class DecisionView:
    """One active decision, with who made it and when."""

    id: int
    action: ReviewAction
    text: str
    kind: Kind | None
    by: str
    at: datetime
    username: str = ""


@dataclass(frozen=True)
class LetterReview:
    """One letter of the list as the reviewer sees it."""

    case_id: int
    case_no: str
    received_at: datetime
    category: str
    topic: str
    unit: str
    replied_at: datetime | None
    texts: tuple[ReviewedText, ...]
    decisions: tuple[DecisionView, ...]

    @property
    def reviewed(self) -> bool:
        """A reviewer decided something about the letter (kept, hid or confirmed it)."""
        return bool(self.decisions)

    def _spans(self) -> list[Span]:
        return [s for t in self.texts for s in t.spans]

    @property
    def replacements(self) -> int:
        """Replacements the published letter carries (found and not kept, plus added)."""
        return sum(1 for s in self._spans() if not s.kept)

    @property
    def undone(self) -> int:
        return sum(1 for s in self._spans() if s.kept)

    @property
    def added(self) -> int:
        return sum(1 for s in self._spans() if s.added)

    def text(self, field: str) -> ReviewedText:
        return next(t for t in self.texts if t.field == field)


def publishable():  # type: ignore[no-untyped-def]
    """The letters the list may publish: mailbox letters replied (or closed), whose writers
    agreed to publication and did not ask for confidentiality."""
    return and_(
        Case.channel == Channel.MAILBOX.value, Case.publish_consent, not_(Case.confidential),
        Case.status.in_((CaseStatus.REPLIED.value, CaseStatus.CLOSED.value)),
    )  # fmt: skip


_COLUMNS = (Case.id, Case.case_no, Case.received_at, Case.category, Topic.name.label("topic"),
            OrgUnit.name.label("unit"), Case.replied_at, Case.title, Case.content,
            Case.reply_text, Case.caller_name, Case.reply_to, Case.caller_phone,
            Case.caller_address)  # fmt: skip


def _query(where):  # type: ignore[no-untyped-def]
    return (
        select(*_COLUMNS)
        .outerjoin(Topic, Topic.id == Case.topic_id)
        .outerjoin(OrgUnit, OrgUnit.id == Case.lead_unit_id)
        .where(publishable(), where)
        .order_by(Case.replied_at, Case.id)
    )


def _decisions(s: Session, case_ids: list[int]) -> dict[int, list[DecisionView]]:
    by: dict[int, list[DecisionView]] = {i: [] for i in case_ids}
    who = aliased(User)
    for start in range(0, len(case_ids), 500):
        rows = s.execute(
            select(DisclosureDecision, who.display_name, who.username)
            .join(who, who.id == DisclosureDecision.decided_by)
            .where(DisclosureDecision.case_id.in_(case_ids[start : start + 500]),
                   DisclosureDecision.revoked_at.is_(None))
            .order_by(DisclosureDecision.id)
        )  # fmt: skip
        for d, name, username in rows:
            by[d.case_id].append(
                DecisionView(
                    d.id,
                    ReviewAction(d.action),
                    d.text,
                    _kind(d.kind),
                    name,
                    d.decided_at,
                    username,
                )
            )
    return by


def _kind(value: str) -> Kind | None:
    try:
        return Kind(value)
    except ValueError:
        return None


def _known(r) -> Known:  # type: ignore[no-untyped-def]
    return Known(
        names=tuple(n for n in (r.caller_name, r.reply_to) if n),
        phones=tuple(p for p in (r.caller_phone,) if p),
        addresses=tuple(a for a in (r.caller_address,) if a),
    )


def _letter(r, decisions: list[DecisionView]) -> LetterReview:  # type: ignore[no-untyped-def]
    known = _known(r)
    choices = [Choice(d.action, d.text, d.kind) for d in decisions]
    texts = []
    for field, label in TEXT_FIELDS:
        original = getattr(r, field) or ""
        spans = review_text(original, find_personal(original, known), choices)
        texts.append(ReviewedText(field, label, original, tuple(spans)))
    try:
        category = Category(r.category).label
    except ValueError:
        category = r.category or ""
    return LetterReview(r.id, r.case_no, r.received_at, category, r.topic or "", r.unit or "",
                        r.replied_at, tuple(texts), tuple(decisions))  # fmt: skip


def letters_of(s: Session, period: Period) -> list[LetterReview]:
    """Every letter the list publishes for ``period`` (replied in it), reviewed."""
    rows = s.execute(_query(within(Case.replied_at, period.start, period.end))).all()
    decisions = _decisions(s, [r.id for r in rows])
    return [_letter(r, decisions[r.id]) for r in rows]


def _one(s: Session, case_no: str) -> LetterReview:
    row = s.execute(_query(Case.case_no == case_no.strip())).first()
    if row is None:
        raise NotFound("办件 {case_no} 不在政务公开清单中（须为已答复、同意公开且未要求保密的"
                       "信箱来信）", case_no=case_no)  # fmt: skip
    return _letter(row, _decisions(s, [row.id])[row.id])


@user_input
def decide_disclosure(ctx: ServiceContext, actor: Actor, case_no: str, action: str,
                      text: str = "", kind: str = "") -> LetterReview:  # fmt: skip
    """Record one review decision about the letter ``case_no``: ``keep`` a text the detector
    found (every replacement of it in the letter is undone), ``hide`` a text it missed (masked
    with the mark of ``kind`` wherever it stands in the letter) or ``check`` the letter as read.
    The same decision twice is recorded once. Returns the letter as reviewed now."""
    require(actor.roles, DISCLOSURE_ROLES, "审核政务公开清单")
    try:
        what = ReviewAction(action)
    except ValueError:
        raise ValidationError({"action": "未知的审核操作"}) from None
    kind_value = ""
    with ctx.uow.write() as uow:
        s = uow.session
        letter = _one(s, case_no)
        if what == ReviewAction.KEEP:
            found = {sp.found for t in letter.texts for sp in t.spans if not sp.added}
            if text not in found:
                raise ValidationError({"text": "只能保留本件中被隐去的文字"})
        elif what == ReviewAction.HIDE:
            try:
                kind_value = Kind(kind).value
            except ValueError:
                raise ValidationError({"kind": "请选择隐去文字的类别"}) from None
            problem = hide_problem((t.original for t in letter.texts), text)
            if problem is not None:
                raise ValidationError({"text": problem})
        else:
            text = ""
        if any(d.action == what and d.text == text and (d.kind.value if d.kind else "")
               == kind_value for d in letter.decisions):  # fmt: skip
            return letter
        now = ctx.now()
        row = DisclosureDecision(
            case_id=letter.case_id,
            action=what.value,
            text=text,
            kind=kind_value,
            decided_by=actor.user_id,
            decided_at=now,
        )
        s.add(row)
        s.flush()
        detail: dict[str, object] = {"decision": row.id}
        if what != ReviewAction.CHECK:
            detail.update(chars=len(text), kind=kind_value or _kind_of(letter, text))
        no = letter.case_no
        if what == ReviewAction.KEEP:
            record_audit(s, now, actor, "disclosure_keep", "case", no, detail)
        elif what == ReviewAction.HIDE:
            record_audit(s, now, actor, "disclosure_hide", "case", no, detail)
        else:
            record_audit(s, now, actor, "disclosure_check", "case", no, detail)
        uow.commit()
    with ctx.uow.read() as uow:
        return _one(uow.session, case_no)


def _kind_of(letter: LetterReview, text: str) -> str:
    return next((sp.kind.value for t in letter.texts for sp in t.spans if sp.found == text), "")


@user_input
def revoke_disclosure_decision(ctx: ServiceContext, actor: Actor,
                               decision_id: int) -> LetterReview:  # fmt: skip
    """恢复: undo one decision (the row stays, closed with who undid it and when)."""
    require(actor.roles, DISCLOSURE_ROLES, "审核政务公开清单")
    with ctx.uow.write() as uow:
        s = uow.session
        row = s.get(DisclosureDecision, decision_id)
        if row is None or row.revoked_at is not None:
            raise NotFound("该审核决定不存在或已恢复")
        case_no = s.execute(select(Case.case_no).where(Case.id == row.case_id)).scalar_one()
        _one(s, case_no)  # still on the list (not since made confidential)
        now = ctx.now()
        row.revoked_by, row.revoked_at = actor.user_id, now
        record_audit(s, now, actor, "disclosure_revoke", "case", case_no,
                     {"decision": row.id, "action": row.action})  # fmt: skip
        uow.commit()
    with ctx.uow.read() as uow:
        return _one(uow.session, case_no)
