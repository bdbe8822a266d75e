"""Office-wide settings that every workstation shares (``office_settings``): the bureau's name on
printed documents, switches of the rules (when the reply clock starts, whether 基本满意 counts as
satisfied, …) and the revision counters that tell workstations to reload cached tables.

Each key is declared once in ``OFFICE_SETTINGS`` with its type, default and Chinese label;
changing one is an action of the key's ``owner`` (系统管理员; 安全管理员 for the security
switches, 三员分立) with an audit row.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hotline_desk.domain.enums.org import Role
from hotline_desk.domain.errors import Msg, PermissionDenied, ValidationError, msg
from hotline_desk.domain.permissions import require
from hotline_desk.services.audit import record_audit
from hotline_desk.services.boundary import signed_in, user_input
from hotline_desk.services.context import ServiceContext
from hotline_desk.services.dto import Actor
from hotline_desk.store.models.office import OfficeSetting
from hotline_desk.store.models.org import User

T = TypeVar("T")


@dataclass(frozen=True)
class OfficeKey:
    key: str
    kind: type
    default: Any
    label: str
    choices: tuple[tuple[Any, str], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    owner: Role = Role.SYS_ADMIN
    """The one administrator role that changes (and sees in 单位设置) this key."""
    blank: bool = False
    """May be left empty (a text setting that is optional)."""
    percent: bool = False
    """Stored as a fraction (0.85, what the reports compute with) but listed, entered and
    validated as a percentage (85): the conversion is here, at the service boundary."""


BUREAU_NAME = OfficeKey(
    "bureau_name", str, "某市经济和信息化局", "单位名称（用于交办单、答复函抬头）"
)
REPLY_CLOCK_FROM = OfficeKey(
    "reply_clock_from",
    str,
    "received",
    "答复时限起算",
    (("received", "受理次日起算"), ("dispatched", "转办次日起算"), ("signed", "签收次日起算")),
)
EXTENSION_MAX_WORKDAYS = OfficeKey(
    "extension_max_workdays", int, 15, "单次延期最多工作日数", (), 1, 60
)
CALLBACK_MAX_ATTEMPTS = OfficeKey(
    "callback_max_attempts", int, 3, "回访联系不上的尝试次数", (), 1, 10
)
DUPLICATE_WINDOW_DAYS = OfficeKey("duplicate_window_days", int, 30, "重复件比对天数", (), 1, 365)
BASICALLY_COUNTS_SATISFIED = OfficeKey(
    "basically_counts_satisfied", bool, True, "满意率计入“基本满意”"
)
RANKING_FLOOR = OfficeKey(
    "ranking_floor", float, 0.85, "红黑榜达标线（按时办结率、满意率）", (), 0, 1, percent=True
)
PDF_FONT = OfficeKey("pdf_font", str, "", "PDF 中文字体文件（留空自动查找）", blank=True)
BUREAU_SHORT = OfficeKey("bureau_short", str, "经信局", "单位简称（用于答复函文号）")
LETTER_NO_PATTERN = OfficeKey(
    "letter_no_pattern", str, "{bureau_short}复〔{year}〕{seq}号",
    "答复函文号格式（可用 {bureau_short} 简称、{year} 年份、{seq} 序号、{case_no} 办件编号）",
)  # fmt: skip
LETTER_CONTACT = OfficeKey("letter_contact", str, "", "答复函联系人", blank=True)
LETTER_PHONE = OfficeKey("letter_phone", str, "", "答复函联系电话", blank=True)
LETTER_FIELDS = ("bureau_short", "year", "seq", "case_no")
BACKUP_KEEP = OfficeKey(
    "backup_keep", int, 14, "备份保留份数（自动、手动、升级前各保留最近几份）", (), 1, 365
)
ADMIN_SECOND_FACTOR = OfficeKey(
    "admin_second_factor", bool, False, "管理员登录须使用双因素认证（动态验证码）",
    owner=Role.SEC_ADMIN,
)  # fmt: skip
PASSWORD_MAX_AGE_DAYS = OfficeKey(
    "password_max_age_days",
    int,
    90,
    "密码有效期（天，0 表示不过期）",
    (),
    0,
    3650,
    owner=Role.SEC_ADMIN,
)
IDLE_LOCK_MINUTES = OfficeKey(
    "idle_lock_minutes",
    int,
    15,
    "无操作自动锁屏（分钟，0 表示不锁屏）",
    (),
    0,
    1440,
    owner=Role.SEC_ADMIN,
)
RESULT_CONTACT_PHONE = OfficeKey(
    "result_contact_phone",
    str,
    "",
    "办理结果回传的联系电话（12345平台回访时联系本单位）",
    blank=True,
)
ATTACHMENT_MAX_MB = OfficeKey(
    "attachment_max_mb", int, 20, "附件大小上限（MB，每个文件）", (), 1, 200
)
CALENDAR_REVISION = OfficeKey("calendar_revision", int, 0, "工作日历版本（内部）")
LIMITS_REVISION = OfficeKey("limits_revision", int, 0, "时限表版本（内部）")
CLOCK_RULES_REVISION = OfficeKey("clock_rules_revision", int, 0, "期限起算规则版本（内部）")
LETTER_DOCX_TEMPLATE = OfficeKey(
    "letter_docx_template", str, "", "答复函 Word 模板（内部，base64）", blank=True
)  # loaded and reset by services/output/letter_word.py, never through save_settings

OFFICE_SETTINGS: dict[str, OfficeKey] = {
    k.key: k
    for k in (
        BUREAU_NAME,
        REPLY_CLOCK_FROM,
        EXTENSION_MAX_WORKDAYS,
        CALLBACK_MAX_ATTEMPTS,
        DUPLICATE_WINDOW_DAYS,
        BASICALLY_COUNTS_SATISFIED,
        RANKING_FLOOR,
        PDF_FONT,
        BUREAU_SHORT,
        LETTER_NO_PATTERN,
        LETTER_CONTACT,
        LETTER_PHONE,
        BACKUP_KEEP,
        ADMIN_SECOND_FACTOR,
        PASSWORD_MAX_AGE_DAYS,
        IDLE_LOCK_MINUTES,
        RESULT_CONTACT_PHONE,
        ATTACHMENT_MAX_MB,
        LETTER_DOCX_TEMPLATE,
        CALENDAR_REVISION,
        LIMITS_REVISION,
        CLOCK_RULES_REVISION,
    )
}
INTERNAL = frozenset({CALENDAR_REVISION.key, LIMITS_REVISION.key, CLOCK_RULES_REVISION.key,
                      LETTER_DOCX_TEMPLATE.key})  # fmt: skip
SETTING_OWNERS = frozenset(k.owner for k in OFFICE_SETTINGS.values())


def read(s: Session, key: OfficeKey) -> Any:
    """The setting's value inside the caller's transaction (its default when never set)."""
    raw = s.execute(select(OfficeSetting.value).where(OfficeSetting.key == key.key)).scalar()
    if raw is None:
        return key.default
    value = json.loads(raw)
    return key.kind(value) if key.kind is not bool else bool(value)


def read_many(s: Session, keys: tuple[OfficeKey, ...]) -> tuple[Any, ...]:
    stored = dict(
        s.execute(
            select(OfficeSetting.key, OfficeSetting.value).where(
                OfficeSetting.key.in_([k.key for k in keys])
            )
        ).all()
    )
    return tuple(k.default if k.key not in stored else json.loads(stored[k.key]) for k in keys)


def write(s: Session, key: OfficeKey, value: Any, actor_id: int | None, now: Any) -> None:
    """Store a value inside the caller's transaction (no permission check: callers check)."""
    row = s.get(OfficeSetting, key.key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        s.add(OfficeSetting(key=key.key, value=text, updated_at=now, updated_by=actor_id))
    else:
        row.value, row.updated_at, row.updated_by = text, now, actor_id


def bump(s: Session, key: OfficeKey, actor_id: int | None, now: Any) -> int:
    """Increase a revision counter (tells every workstation to reload a cached table)."""
    value = int(read(s, key)) + 1
    write(s, key, value, actor_id, now)
    return value


def shown_value(key: OfficeKey, stored: Any) -> Any:
    """The value as people read and type it (a percent key's 0.85 → 85.0)."""
    if key.percent and isinstance(stored, (int, float)) and not isinstance(stored, bool):
        return round(float(stored) * 100, 4)
    return stored


def stored_value(key: OfficeKey, shown: Any) -> Any:
    """The value as stored (a percent key's 85 → 0.85); anything not a number is left for
    ``validate`` to refuse."""
    if not key.percent or isinstance(shown, bool):
        return shown
    try:
        return float(shown) / 100
    except (TypeError, ValueError):
        return shown


def validate(key: OfficeKey, value: Any) -> Any:
    """The value in the setting's type, or a ValidationError naming what is allowed."""
    try:
        if key.kind is bool:
            if not isinstance(value, bool):
                raise TypeError
            clean: Any = value
        else:
            clean = key.kind(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {key.key: Msg("“{setting}”的值无效", setting=msg(key.label))}
        ) from None
    if key.choices and clean not in {c for c, _ in key.choices}:
        allowed = tuple(label for _c, label in key.choices)
        raise ValidationError(
            {key.key: Msg("“{setting}”只能是：{allowed}", setting=msg(key.label), allowed=allowed)}
        )
    if isinstance(clean, str):
        clean = clean.strip()
        limit = 260 if key is PDF_FONT else 60
        if (not clean and not key.blank) or len(clean) > limit:
            raise ValidationError(
                {
                    key.key: Msg(
                        "“{setting}”须为 1–{limit} 个字", setting=msg(key.label), limit=limit
                    )
                }
            )
    if key is LETTER_NO_PATTERN:
        _check_letter_pattern(clean)
    if key.minimum is not None and isinstance(clean, (int, float)) and not isinstance(clean, bool):
        if not key.minimum <= clean <= (key.maximum if key.maximum is not None else clean):
            raise ValidationError(
                {
                    key.key: Msg(
                        "“{setting}”须在 {low} 到 {high} 之间",
                        setting=msg(key.label),
                        low=_bound(key, key.minimum),
                        high=_bound(key, key.maximum),
                    )
                }  # fmt: skip
            )
    return clean


def _bound(key: OfficeKey, value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 100:g}%" if key.percent else f"{value:g}"


def _check_letter_pattern(pattern: str) -> None:
    """A 文号 pattern uses only the known fields and names the case ({seq} or {case_no})."""
    sample = dict.fromkeys(LETTER_FIELDS, "1")
    try:
        pattern.format(**sample)
    except (KeyError, ValueError, IndexError):
        ok = False
    else:
        ok = "{seq}" in pattern or "{case_no}" in pattern
    if not ok:
        raise ValidationError(
            {
                LETTER_NO_PATTERN.key: Msg(
                    "文号格式只能使用 {fields}，且须含序号 {seq} 或办件编号 {case_no}",
                    fields=tuple("{" + f + "}" for f in LETTER_FIELDS),
                    seq="{seq}",
                    case_no="{case_no}",
                )
            }
        )


def letter_no(pattern: str, bureau_short: str, year: int, seq: int, case_no: str) -> str:
    """The 答复函's 文号 from the office's pattern (``{seq}``: the case's serial number in
    the database — fixed for the case, so a reprint carries the same 文号)."""
    try:
        return pattern.format(bureau_short=bureau_short, year=year, seq=seq, case_no=case_no)
    except (KeyError, ValueError, IndexError):  # stored before the check existed
        return LETTER_NO_PATTERN.default.format(
            bureau_short=bureau_short, year=year, seq=seq, case_no=case_no
        )


class RevisionCache(Generic[T]):
    """A table loaded once per database and kept until the office-wide ``revision`` counter
    moves (another workstation, or this one, changed it): the calendar, the time limits."""

    def __init__(self, revision: OfficeKey, load: Callable[[Session], T]) -> None:
        self.revision, self.load = revision, load
        self._entries: dict[str, tuple[int, T]] = {}
        self._lock = threading.Lock()

    def get(self, s: Session) -> T:
        return self.at(s, int(read(s, self.revision)))

    def at(self, s: Session, revision: int) -> T:
        """The table as of ``revision`` (read by the caller, with other settings at once)."""
        key = str(s.get_bind().engine.url)
        with self._lock:
            cached = self._entries.get(key)
            if cached is not None and cached[0] == revision:
                return cached[1]
        value = self.load(s)
        with self._lock:
            self._entries[key] = (revision, value)
        return value


@dataclass(frozen=True)
class OfficeSettingInfo:
    key: str
    label: str
    value: Any
    default: Any
    choices: tuple[tuple[Any, str], ...]
    percent: bool = False
    """``value`` and ``default`` are percentages (85 for a stored 0.85); save them as such."""


@signed_in
def list_settings(ctx: ServiceContext, actor: Actor | None = None) -> list[OfficeSettingInfo]:
    """The settings (with ``actor``: those its role changes)."""
    with ctx.uow.read() as uow:
        return [
            OfficeSettingInfo(
                k.key,
                k.label,
                shown_value(k, read(uow.session, k)),
                shown_value(k, k.default),
                k.choices,
                k.percent,
            )  # fmt: skip
            for k in OFFICE_SETTINGS.values()
            if k.key not in INTERNAL and (actor is None or actor.has(k.owner))
        ]


def get_setting(ctx: ServiceContext, key: OfficeKey) -> Any:
    with ctx.uow.read() as uow:
        return read(uow.session, key)


def _check_font(clean: Any) -> None:
    """The admin's PDF font must be a TrueType font reportlab can embed (not CFF OpenType)."""
    from hotline_desk.reports.fonts import is_truetype_outline

    path, _, index = str(clean).partition("#")
    if not index.isdigit() and index:
        raise ValidationError({PDF_FONT.key: "字体写法为“文件路径”或“文件路径#序号”"})
    if not is_truetype_outline(path, int(index or 0)):
        raise ValidationError({PDF_FONT.key: "所选文件不是可嵌入的 TrueType 中文字体"
                               "（PostScript 轮廓的 OpenType 字体无法嵌入），"
                               "请另选字体"})  # fmt: skip


def _enrolled(s: Session, user_id: int) -> bool:
    return bool(s.scalar(select(User.totp_enabled).where(User.id == user_id)))


@user_input
def save_settings(ctx: ServiceContext, actor: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """Change office-wide settings (each by its owner: 系统管理员, or 安全管理员 for the security
    switches) in one transaction, each change audited with its old and new value; nothing is
    saved when one value is invalid or belongs to another administrator. A percent key
    (``OfficeKey.percent``) is given and returned as a percentage, stored as a fraction."""
    require(actor.roles, SETTING_OWNERS, "修改单位设置")
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        key = OFFICE_SETTINGS.get(name)
        if key is None or key.key in INTERNAL:
            errors[name] = "没有这项设置"
            continue
        if not actor.has(key.owner):
            raise PermissionDenied(
                "“{setting}”只能由{role}修改", setting=msg(key.label), role=key.owner
            )
        try:
            clean[name] = validate(key, stored_value(key, value))
            if key is PDF_FONT and clean[name]:
                _check_font(clean[name])
        except ValidationError as exc:
            errors.update(exc.field_errors)
    if errors:
        raise ValidationError(errors)
    now = ctx.now()
    with ctx.uow.write() as uow:
        s = uow.session
        for name, value in clean.items():
            key = OFFICE_SETTINGS[name]
            old = read(s, key)
            if old == value:
                continue
            if key is ADMIN_SECOND_FACTOR and value and not _enrolled(s, actor.user_id):
                # on, while the one switching it has no factor: its own next action is refused
                raise ValidationError(
                    {name: "请先在“系统 → 双因素认证”为自己绑定动态验证码，再开启此项"}
                )
            write(s, key, value, actor.user_id, now)
            record_audit(s, now, actor, "office_setting", "setting", key.key,
                         {"old": old, "new": value})  # fmt: skip
        uow.commit()
    return {name: shown_value(OFFICE_SETTINGS[name], value) for name, value in clean.items()}


@user_input
def save_setting(ctx: ServiceContext, actor: Actor, key_name: str, value: Any) -> Any:
    """Change one office-wide setting (by its owner), audited with the old and new value."""
    return save_settings(ctx, actor, {key_name: value})[key_name]
