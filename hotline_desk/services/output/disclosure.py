"""The 政务公开 list (public disclosure of the mailbox letters replied in a month, with their
replies): the preview a reviewer works on (``disclosure_preview``), and the export written from
the reviewed texts (``export_disclosure``) — the detector's findings minus the texts the
reviewer kept, plus the ones the reviewer hid (``disclosure_review``).

The export is one audit row with the counts (letters, replacements, undone, added), how many
letters were reviewed and by whom; ``require_reviewed`` refuses a list with letters nobody
reviewed (the command line's ``--require-reviewed``). A cancelled export leaves no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.domain.periods import Period
from hotline_desk.domain.permissions import DISCLOSURE_ROLES, require
from hotline_desk.reports.disclosure_xlsx import DisclosureWriter
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import user_input
from hotline_desk.services.context import Progress, ServiceContext, Token
from hotline_desk.services.dto import Actor
from hotline_desk.services.output.disclosure_review import (
    DecisionView,
    LetterReview,
    ReviewedText,
    decide_disclosure,
    letters_of,
    revoke_disclosure_decision,
)

__all__ = [
    "DecisionView",
    "DisclosureExport",
    "DisclosurePreview",
    "LetterReview",
    "ReviewedText",
    "decide_disclosure",
    "disclosure_preview",
    "export_disclosure",
    "revoke_disclosure_decision",
]


@dataclass(frozen=True)
class DisclosurePreview:
    """The period's letters as the list would publish them now."""

    period_key: str
    period_label: str
    letters: tuple[LetterReview, ...]

    @property
    def reviewed(self) -> int:
        return sum(1 for letter in self.letters if letter.reviewed)

    @property
    def replacements(self) -> int:
        return sum(letter.replacements for letter in self.letters)


@dataclass(frozen=True)
class DisclosureExport:
    """What an export wrote (the counts are those of its audit row)."""

    path: Path
    rows: int
    replacements: int
    undone: int
    added: int
    reviewed: int
    reviewers: tuple[str, ...]


@user_input
def disclosure_preview(ctx: ServiceContext, actor: Actor, period: Period) -> DisclosurePreview:
    """政务公开 preview: every letter of ``period`` with its findings and the review applied."""
    require(actor.roles, DISCLOSURE_ROLES, "审核政务公开清单")
    with ctx.uow.read() as uow:
        letters = letters_of(uow.session, period)
    return DisclosurePreview(period.key, str(period.label), tuple(letters))


@user_input
def export_disclosure(
    ctx: ServiceContext,
    actor: Actor,
    period: Period,
    path: Path,
    require_reviewed: bool = False,
    token: Token | None = None,
    report: Progress | None = None,
) -> DisclosureExport:
    """导出政务公开清单 from the reviewed texts: mailbox letters replied in ``period`` whose writers
    agreed to publication (not confidential), with their replies; every replacement of the
    review written as its mark. With ``require_reviewed``, refused while a letter of the
    period is not reviewed."""
    require(actor.roles, DISCLOSURE_ROLES, "导出政务公开清单")
    preview = disclosure_preview(ctx, actor, period)
    letters = preview.letters
    waiting = len(letters) - preview.reviewed
    if require_reviewed and waiting:
        raise ValidationError(
            {
                "period": Msg(
                    "{period}还有 {n} 件来信未审核，请先在预览中逐件审核",
                    period=period.label,
                    n=waiting,
                )
            }  # fmt: skip
        )
    now = ctx.now()
    title = f"政务公开清单（{preview.period_label}）"
    note = (f"导出人：{actor.display_name}  导出时间：{now:%Y-%m-%d %H:%M}  "
            f"共 {len(letters)} 件，已审核 {preview.reviewed} 件")  # fmt: skip
    try:
        with DisclosureWriter(path, title, note) as writer:
            for done, letter in enumerate(letters, 1):
                if token is not None:
                    token.check()
                texts = {t.field: t.published for t in letter.texts}
                writer.row([letter.case_no, letter.received_at, letter.category, letter.topic,
                            texts["title"], texts["content"], letter.unit, letter.replied_at,
                            texts["reply_text"]])  # fmt: skip
                if report is not None:
                    report(done, len(letters))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    reviewers = tuple(sorted({d.username for letter in letters for d in letter.decisions}))
    result = DisclosureExport(
        path,
        len(letters),
        preview.replacements,
        sum(letter.undone for letter in letters),
        sum(letter.added for letter in letters),
        preview.reviewed,
        reviewers,
    )
    detail = {"rows": result.rows, "period": period.key, "replacements": result.replacements,
              "undone": result.undone, "added": result.added, "reviewed": result.reviewed,
              "unreviewed": waiting, "reviewers": list(reviewers)}  # fmt: skip
    with ctx.uow.write() as uow:
        record_audit(uow.session, now, actor, "export_disclosure", "export", path.name, detail)
        uow.commit()
    return result
