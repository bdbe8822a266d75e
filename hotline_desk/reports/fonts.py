"""The CJK font every PDF is written with: a real TrueType font found on this machine and
embedded as a subset, so the document shows the same on any computer.

Looked for in order: the font the 系统管理员 chose (office setting ``pdf_font``), then Windows'
仿宋/宋体/黑体/微软雅黑, then Linux's WenQuanYi and AR PL fonts. reportlab embeds only
TrueType-outline fonts; PostScript-outline (CFF) OpenType files such as the Noto Sans CJK
``.ttc`` are skipped. Only when none is found does it fall back to reportlab's built-in
``STSong-Light`` CID font, which is *not* embedded: other computers may show boxes, and
``FontChoice.warning`` says so.
"""

from __future__ import annotations

import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FALLBACK_CID = "STSong-Light"


@dataclass(frozen=True)
class FontCandidate:
    """A font file that can be embedded: its path, the face in a collection, and its name."""

    path: str
    index: int
    family: str


@dataclass(frozen=True)
class FontChoice:
    """The registered reportlab font names for body text and headings."""

    body: str
    heading: str
    family: str
    embedded: bool
    path: str = ""
    warning: str = ""


def _windows_dir() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


def _candidates() -> list[FontCandidate]:
    win = _windows_dir()
    names = [
        (win / "simfang.ttf", 0, "仿宋"),
        (win / "simsun.ttc", 0, "宋体"),
        (win / "simhei.ttf", 0, "黑体"),
        (win / "msyh.ttc", 0, "微软雅黑"),
        (win / "msyh.ttf", 0, "微软雅黑"),
        (win / "simkai.ttf", 0, "楷体"),
    ]
    for base in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts")):
        root = Path(base)
        names += [
            (root / "truetype/wqy/wqy-zenhei.ttc", 0, "文泉驿正黑"),
            (root / "truetype/wqy/wqy-microhei.ttc", 0, "文泉驿微米黑"),
            (root / "truetype/arphic/uming.ttc", 0, "AR PL UMing"),
            (root / "truetype/arphic/ukai.ttc", 0, "AR PL UKai"),
            (root / "truetype/droid/DroidSansFallbackFull.ttf", 0, "Droid Sans Fallback"),
        ]
    return [FontCandidate(str(p), i, f) for p, i, f in names if p.is_file()]


def is_truetype_outline(path: str, index: int = 0) -> bool:
    """True when the face has TrueType (glyf) outlines, which reportlab can embed; False for
    CFF ('OTTO') fonts and files that are not fonts."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                if index >= count:
                    return False
                f.seek(12 + 4 * index)
                offset = struct.unpack(">I", f.read(4))[0]
                f.seek(offset)
                head = f.read(4)
            return head[:4] in (b"\x00\x01\x00\x00", b"true")
    except OSError:
        return False


def available_fonts() -> list[FontCandidate]:
    """Embeddable CJK fonts on this machine, best first (for the admin's choice)."""
    return [c for c in _candidates() if is_truetype_outline(c.path, c.index)]


_lock = threading.Lock()
_registered: dict[tuple[str, int], FontChoice] = {}


def _register(candidate: FontCandidate) -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = (candidate.path, candidate.index)
    if key not in _registered:
        name = f"CJK-{len(_registered)}"
        font = TTFont(name, candidate.path, subfontIndex=candidate.index)
        _cache_tables(font.face)
        pdfmetrics.registerFont(font)
        _registered[key] = FontChoice(name, name, candidate.family, True, candidate.path)
    return _registered[key]


class _Glyphs:
    """The font's ``glyf`` table as reportlab's subsetting reads it — a glyph's bytes at a time —
    straight out of the font file's bytes already in memory, never copied whole."""

    def __init__(self, data: bytes, start: int, length: int) -> None:
        self._view = memoryview(data)[start : start + length]

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, key: slice) -> bytes:
        return bytes(self._view[key])


def _cache_tables(face: Any) -> None:
    """Keep the font's tables once read: reportlab's subsetting copies each table it reads out
    of the font file on every call — for every subset of every PDF the whole ``glyf`` table
    (10 MB in WenQuanYi Zen Hei, 3 ms a copy, twice a slip) to take a few hundred glyphs. The
    small tables are kept as read; ``glyf`` is read a glyph at a time where it lies."""
    tables: dict[str, Any] = {}
    read = face.get_table

    def get_table(tag: str) -> Any:
        found = tables.get(tag)
        if found is None:
            if tag == "glyf":
                found = _Glyphs(face._ttf_data, *face.get_table_pos(tag))
            else:
                found = read(tag)
            tables[tag] = found
        return found

    face.get_table = get_table


def cjk_font(preferred: str = "") -> FontChoice:
    """Register (once) and return the font to write PDFs with.

    ``preferred`` is a font file path (optionally ``path#index`` for a collection) the admin
    chose; it wins when it can be embedded.
    """
    with _lock:
        for candidate in _usable(preferred):
            try:
                return _register(candidate)
            except Exception:  # noqa: BLE001 - a broken font file: try the next one
                continue
        return _fallback()


def _usable(preferred: str) -> list[FontCandidate]:
    """The admin's font (``path`` or ``path#index``) first, then the machine's, if embeddable."""
    known = _candidates()
    wanted: list[FontCandidate] = []
    if preferred:
        path, _, index = preferred.partition("#")
        face = int(index) if index.isdigit() else 0
        family = next((c.family for c in known if (c.path, c.index) == (path, face)), "")
        wanted.append(FontCandidate(path, face, family or Path(path).stem))
    return [c for c in wanted + known
            if Path(c.path).is_file() and is_truetype_outline(c.path, c.index)]  # fmt: skip


def font_for(preferred: str = "") -> FontCandidate | None:
    """The font ``cjk_font(preferred)`` would embed, without loading it; None: the fallback."""
    usable = _usable(preferred)
    return usable[0] if usable else None


def _fallback() -> FontChoice:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK_CID not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return FontChoice(
        FALLBACK_CID,
        FALLBACK_CID,
        "STSong-Light",
        False,
        warning="本机未找到可嵌入的中文 TrueType 字体,PDF 使用内置 STSong-Light 字体且未嵌入，"
        "其他电脑上可能显示为方框。请安装宋体/仿宋/黑体或文泉驿字体，或在单位设置中指定字体文件。",
    )
