"""The 12345 platform's export columns and how their cells become the desk's values (pure rules).

A platform export (工单导出) names its columns in Chinese, differently from one platform to the
next; ``BUILTIN_HEADERS`` maps the common names and their synonyms to the desk's fields
(``FIELDS``), and a desk can map the rest itself (``services.intake.mapping`` saves it per
source). ``find_header_row`` finds the header among the first rows (a merged title row above,
a two-level header with group cells, are common); the cell parsers turn what the file holds
(Excel dates or date strings, numbers stored as text, full-width digits) into plain values.
The results back (办理结果回传) are described by ``RESULT_COLUMNS``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hotline_desk.domain.enums.intake import Category, Urgency

FIELDS: dict[str, str] = {
    "platform_ref": "工单编号",
    "source_channel": "来源渠道",
    "dispatch_type": "派单类型",
    "title": "标题",
    "content": "诉求内容",
    "caller_name": "诉求人姓名",
    "caller_phone": "来电号码",
    "incident_address": "发生地址",
    "caller_address": "联系地址",
    "problem_class": "问题分类",
    "order_type": "工单类型",
    "urgency": "紧急程度",
    "dispatched_at": "市派单时间",
    "external_deadline": "市截止时间",
    "received_at": "受理时间",
    "confidential": "是否保密",
    "publish_consent": "是否同意公开",
    "remark": "备注",
}
"""The desk's import fields and their Chinese names (what the mapping step shows)."""
IGNORE = ""
"""A header mapped to this is read but not used."""
REQUIRED = ("platform_ref", "title", "content")

BUILTIN_HEADERS: dict[str, str] = {
    **{label: key for key, label in FIELDS.items()},
    "工单号": "platform_ref",
    "平台工单号": "platform_ref",
    "工单编码": "platform_ref",
    "来源": "source_channel",
    "受理渠道": "source_channel",
    "交办类型": "dispatch_type",
    "工单标题": "title",
    "诉求标题": "title",
    "问题描述": "content",
    "诉求描述": "content",
    "工单内容": "content",
    "诉求人": "caller_name",
    "来电人": "caller_name",
    "来电人姓名": "caller_name",
    "联系人": "caller_name",
    "联系电话": "caller_phone",
    "来电电话": "caller_phone",
    "诉求人电话": "caller_phone",
    "事发地址": "incident_address",
    "事件地址": "incident_address",
    "问题地址": "incident_address",
    "诉求人地址": "caller_address",
    "问题类别": "problem_class",
    "业务分类": "problem_class",
    "事项分类": "problem_class",
    "诉求类型": "order_type",
    "诉求类别": "order_type",
    "缓急程度": "urgency",
    "紧急度": "urgency",
    "派单时间": "dispatched_at",
    "交办时间": "dispatched_at",
    "办理时限": "external_deadline",
    "截止时间": "external_deadline",
    "市办理时限": "external_deadline",
    "办结时限": "external_deadline",
    "登记时间": "received_at",
    "来电时间": "received_at",
    "保密": "confidential",
    "是否公开": "publish_consent",
    "同意公开": "publish_consent",
    "备注说明": "remark",
}


def header_key(text: object) -> str:
    """A header cell as compared: NFKC, no spaces, no brackets' contents like ``(必填)``."""
    raw = unicodedata.normalize("NFKC", str(text or ""))
    raw = re.sub(r"[\s*]", "", raw)
    return re.sub(r"\(.*?\)$", "", raw)


def builtin_field(header: str) -> str | None:
    """The field the built-in mapping gives a header, or None when it does not know it."""
    key = header_key(header)
    if key in BUILTIN_HEADERS:
        return BUILTIN_HEADERS[key]
    for part in re.split(r"[/、]", key):  # "问题描述/诉求内容"
        if part in BUILTIN_HEADERS:
            return BUILTIN_HEADERS[part]
    return None


def _known(cell: object, saved: Mapping[str, str]) -> bool:
    return cell not in (None, "") and (
        builtin_field(str(cell)) is not None or header_key(cell) in saved
    )


def find_header(rows: Sequence[Sequence[object]], saved: Mapping[str, str]) -> tuple[int, int]:
    """(index of the header's first row among ``rows`` — the first few of the sheet —, how
    many rows it spans). The header is the row naming the most known columns (a merged title
    row above it is skipped this way); the row below belongs to it too when every cell it fills
    is a known column name (a two-level header: 诉求人信息 merged over 诉求人姓名 and 来电号码)."""
    best, best_hits = 0, -1
    for i, row in enumerate(rows):
        hits = sum(1 for cell in row if _known(cell, saved))
        if hits > best_hits:
            best, best_hits = i, hits
    if best + 1 < len(rows):
        below = [c for c in rows[best + 1] if c not in (None, "")]
        if below and all(_known(c, saved) for c in below):
            return best, 2
    return best, 1


def header_names(rows: Sequence[Sequence[object]], index: int, depth: int = 1) -> list[str]:
    """The header's names: a two-level header's lower cell where it has one, else the upper
    (merged) one; an empty column is ``列N``."""
    width = max(len(rows[index + d]) for d in range(depth))
    names: list[str] = []
    for col in range(width):
        text = ""
        for d in reversed(range(depth)):
            row = rows[index + d]
            text = header_key(row[col]) if col < len(row) else ""
            if text:
                break
        names.append(text or f"列{col + 1}")
    return names


def resolve_mapping(
    headers: Sequence[str], saved: Mapping[str, str]
) -> tuple[dict[int, str], list[str]]:
    """(column index → field, the headers neither the saved nor the built-in mapping knows).
    A saved entry wins over the built-in one; the first column mapped to a field wins."""
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    taken: set[str] = set()
    for col, name in enumerate(headers):
        key = header_key(name)
        field = saved[key] if key in saved else builtin_field(key)
        if field is None:
            unknown.append(name)
            continue
        if field and field not in taken:
            mapping[col] = field
            taken.add(field)
    return mapping, unknown


def missing_required(mapping: Mapping[int, str]) -> list[str]:
    fields = set(mapping.values())
    return [FIELDS[f] for f in REQUIRED if f not in fields]


def cell_text(value: object) -> str:
    """A cell as text: a whole float without its ``.0``, NFC, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return unicodedata.normalize("NFC", str(value)).strip()


_SPACES = re.compile(r"\s+")


def code_text(value: object) -> str:
    """A code or phone number: NFKC (full-width digits and letters), no spaces; a number the
    spreadsheet stored as a number keeps its digits (no ``.0``, no exponent)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value if value is not None else ""))
    return _SPACES.sub("", text).strip("'")


_EXCEL_EPOCH = datetime(1899, 12, 30)
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y%m%d%H%M%S",
    "%Y%m%d",
)


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?")


def parse_time(value: object) -> datetime | None:
    """An Excel date (a cell, or its serial number) or a date string → naive datetime.
    Raises ``ValueError`` for text that is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:  # an Excel serial day number (1954–2119)
            return (_EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
        value = str(int(value))
    if isinstance(value, str) and _ISO.fullmatch(value):  # what strptime would read, faster
        return datetime.fromisoformat(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"[年月/.]", "-", text).replace("日", " ").replace("T", " ")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"-(\d)(?=\D|$)", r"-0\1", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


_YES = {"是", "y", "yes", "true", "1", "保密", "同意", "公开", "同意公开", "√"}
_NO = {"否", "n", "no", "false", "0", "不保密", "不同意", "不公开", "不同意公开", ""}


def parse_flag(value: object) -> bool:
    """是/否 and its variants; raises ``ValueError`` for anything else."""
    text = code_text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(text)


URGENCY_WORDS = {"一般": Urgency.NORMAL, "普通": Urgency.NORMAL, "紧急": Urgency.URGENT,
                 "加急": Urgency.URGENT, "急": Urgency.URGENT, "特急": Urgency.CRITICAL,
                 "特别紧急": Urgency.CRITICAL, "": Urgency.NORMAL}  # fmt: skip
CATEGORY_WORDS = {c.label: c for c in Category} | {
    "": Category.OTHER,
    "意见建议": Category.SUGGESTION,
    "投诉举报": Category.COMPLAINT,
    "咨询类": Category.CONSULT,
    "求助类": Category.HELP,
    "投诉类": Category.COMPLAINT,
}
ANONYMOUS_NAMES = {"", "匿名", "匿名市民", "不愿透露", "无"}

ALLOWED: dict[str, str] = {
    "urgency": "一般、紧急、特急（空白按一般）",
    "order_type": "、".join(CATEGORY_WORDS.keys() - {""}) + "（空白按其他）",
    "confidential": "是、否",
    "publish_consent": "是、否",
    "received_at": "日期时间，如 2026-11-18 09:30 或 2026/11/18 9:30，或 Excel 日期",
    "dispatched_at": "日期时间，如 2026-11-18 09:30 或 2026/11/18 9:30，或 Excel 日期",
    "external_deadline": "日期时间，如 2026-11-25 18:00 或 2026/11/25，或 Excel 日期",
}
"""What the error report says is allowed in a field refused while reading the cell."""


@dataclass(frozen=True)
class PlatformRow:
    """One work order as read: the fields' text, and what was refused while reading cells."""

    line: int  # the row's number in the sheet (1-based, as Excel shows it)
    values: dict[str, str]
    times: dict[str, datetime | None]
    flags: dict[str, bool]
    problems: dict[str, str]


_TIME_FIELDS = ("received_at", "dispatched_at", "external_deadline")
_FLAG_FIELDS = ("confidential", "publish_consent")
_CODE_FIELDS = ("platform_ref", "caller_phone")


def read_row(line: int, cells: Sequence[object], mapping: Mapping[int, str]) -> PlatformRow:
    """The mapped cells of one sheet row, parsed; a cell that cannot be read is a problem of
    its field (named in Chinese with what is allowed), never an exception."""
    values: dict[str, str] = {}
    times: dict[str, datetime | None] = {}
    flags: dict[str, bool] = {}
    problems: dict[str, str] = {}
    for col, field in mapping.items():
        raw = cells[col] if col < len(cells) else None
        label = FIELDS[field]
        if field in _TIME_FIELDS:
            try:
                times[field] = parse_time(raw)
            except ValueError:
                problems[field] = f"{label}“{cell_text(raw)}”不是日期时间；应为{ALLOWED[field]}"
        elif field in _FLAG_FIELDS:
            try:
                flags[field] = parse_flag(raw)
            except ValueError:
                problems[field] = f"{label}“{cell_text(raw)}”无法识别；应为{ALLOWED[field]}"
        elif field in _CODE_FIELDS:
            values[field] = code_text(raw)
        else:
            values[field] = cell_text(raw)
    if values.get("urgency", "") not in URGENCY_WORDS:
        problems["urgency"] = f"紧急程度“{values['urgency']}”无法识别；应为{ALLOWED['urgency']}"
    if values.get("order_type", "") not in CATEGORY_WORDS:
        problems["order_type"] = (
            f"工单类型“{values['order_type']}”无法识别；应为{ALLOWED['order_type']}"
        )
    return PlatformRow(line, values, times, flags, problems)


def is_blank(cells: Sequence[object]) -> bool:
    return all(c is None or str(c).strip() == "" for c in cells)


def full_content(row: PlatformRow) -> str:
    """诉求内容 with what the platform says beside it that the desk has no field for."""
    v = row.values
    extra = [
        (FIELDS[k], v.get(k, ""))
        for k in ("incident_address", "source_channel", "dispatch_type", "problem_class", "remark")
    ]
    lines = [f"{label}：{text}" for label, text in extra if text]
    body = v.get("content", "")
    return body + ("\n\n【平台工单信息】\n" + "\n".join(lines) if lines else "")


RESULT_COLUMNS = (
    "工单编号",
    "办理结果/答复内容",
    "答复时间",
    "办理单位",
    "经办人",
    "联系电话",
    "是否办结",
    "回访情况",
)
"""The 办理结果回传 sheet the platform takes back."""
