"""What a file may be before it becomes an attachment: its type judged from its first bytes with
``filetype`` (pure Python, no libmagic), never from its name; the allowed types (images, PDF,
audio, Office documents, plain text); the size limit (office setting ``attachment_max_mb``);
its SHA-256.

``read_file`` reads and checks one file in one pass (a 20 MB file: ~30 ms to read and hash) and
returns a ``CheckedFile`` with its bytes, or raises a ``ValidationError`` whose message names
the field and what is allowed. The GUI calls it off the GUI thread.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype

from hotline_desk.domain.errors import Msg, ValidationError
from hotline_desk.services.context import Progress, Token

TEXT_MIME = "text/plain"
ALLOWED: dict[str, str] = {
    # images
    "jpg": "图片", "png": "图片", "gif": "图片", "webp": "图片", "bmp": "图片", "tif": "图片",
    "heic": "图片",
    # documents
    "pdf": "PDF",
    # audio (call recordings)
    "mp3": "音频", "m4a": "音频", "wav": "音频", "amr": "音频", "aac": "音频", "ogg": "音频",
    "flac": "音频",
    # Office documents
    "doc": "Office 文档", "docx": "Office 文档", "xls": "Office 文档", "xlsx": "Office 文档",
    "ppt": "Office 文档", "pptx": "Office 文档", "odt": "Office 文档", "ods": "Office 文档",
    "odp": "Office 文档", "rtf": "Office 文档",
    # plain text (no signature: judged by decoding it)
    "txt": "纯文本",
}  # fmt: skip
"""Extension (as ``filetype`` names the content) → the group the refusal message names."""
IMAGES = frozenset(k for k, g in ALLOWED.items() if g == "图片")
AUDIO = frozenset(k for k, g in ALLOWED.items() if g == "音频")
ALLOWED_TEXT = (
    "图片（JPG、PNG、GIF、WEBP、BMP、TIFF、HEIC）、PDF、音频（MP3、M4A、WAV、AMR、AAC、OGG、"
    "FLAC）、Office 文档（Word、Excel、PowerPoint、WPS/ODF、RTF）、纯文本"
)
NAME_MAX = 200
_SNIFF = 8192
"""``filetype`` reads at most the first 8 KB (Office formats look inside the zip's first entry)."""


@dataclass(frozen=True)
class CheckedFile:
    """A file that may be attached: its name, type as judged from the bytes, size and digest."""

    file_name: str
    extension: str
    mime: str
    size: int
    sha256: str
    content: bytes


def clean_name(name: str) -> str:
    """The file name as shown and stored: NFC, no control characters, at most 200 characters
    (the extension kept)."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        name = (stem if keep else name)[: NAME_MAX - len(keep) - 1] + ("." + keep if keep else "")
    return name or "附件"


def _looks_like_text(content: bytes) -> bool:
    """Plain text: decodes as UTF-8 or GB18030, without NUL or other control characters."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f" for ch in text)
    return False


def sniff(content: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) of the content when it is an allowed type, else None."""
    kind = filetype.guess(content[:_SNIFF])
    if kind is not None:
        return (kind.extension, kind.mime) if kind.extension in ALLOWED else None
    return ("txt", TEXT_MIME) if content and _looks_like_text(content) else None


def too_big(size: int, max_mb: int) -> Msg | None:
    if size > max_mb * 1024 * 1024:
        return Msg(
            "文件大小：{size} 超过上限，每个附件最大 {max_mb} MB（单位设置“附件大小上限”）",
            size=human_size(size), max_mb=max_mb,
        )  # fmt: skip
    return None


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _refused_type(name: str, kind: filetype.Type | None) -> ValidationError:
    what = kind.extension.upper() if kind is not None else "无法识别的内容"
    return ValidationError({"file": Msg(
        "文件类型：{name} 是{what}，不能作为附件；允许的类型：{allowed}",
        name=name, what=what, allowed=ALLOWED_TEXT,
    )})  # fmt: skip


def check_bytes(name: str, content: bytes, max_mb: int) -> CheckedFile:
    """Check bytes already read (from a file or a test)."""
    if not content:
        raise ValidationError({"file": Msg("文件：{name} 是空文件", name=name)})
    if (problem := too_big(len(content), max_mb)) is not None:
        raise ValidationError({"file": problem})
    found = sniff(content)
    if found is None:
        raise _refused_type(name, filetype.guess(content[:_SNIFF]))
    ext, mime = found
    digest = hashlib.sha256(content).hexdigest()
    return CheckedFile(clean_name(name), ext, mime, len(content), digest, content)


CHUNK = 1 << 20
"""Bytes read or written between two progress reports (and cancel checks) of a large file."""


def read_file(path: Path, max_mb: int, report: Progress | None = None,
              token: Token | None = None) -> CheckedFile:  # fmt: skip
    """Read and check the file at ``path``; the size is checked before reading it. A large
    file is read a megabyte at a time, reporting (bytes read, size) and checking ``token``."""
    try:
        size = path.stat().st_size
        if (problem := too_big(size, max_mb)) is not None:
            raise ValidationError({"file": problem})
        parts: list[bytes] = []
        done = 0
        with path.open("rb") as f:
            while part := f.read(CHUNK):
                parts.append(part)
                done += len(part)
                if report is not None:
                    report(done, max(size, done))
                if token is not None:
                    token.check()
        content = b"".join(parts)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    return check_bytes(path.name, content, max_mb)


def write_file(out: Path, content: bytes, report: Progress | None = None,
               token: Token | None = None) -> None:  # fmt: skip
    """Write ``content`` to ``out`` a megabyte at a time (reporting, checking ``token``) into a
    temporary file beside it, renamed over ``out`` only when whole: a cancel or a failure
    leaves no half-written file. Raises ``OSError``."""
    part = out.with_name(f".{out.name}.part")
    try:
        with part.open("wb") as f:
            for start in range(0, len(content), CHUNK):
                f.write(content[start : start + CHUNK])
                if report is not None:
                    report(min(start + CHUNK, len(content)), len(content))
                if token is not None:
                    token.check()
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _unreadable(path: Path, exc: OSError) -> ValidationError:
    return ValidationError({"file": Msg("文件：无法读取 {name}（{why}）", name=path.name,
                                        why=exc.strerror or str(exc))})  # fmt: skip


def peek_file(path: Path, max_mb: int) -> tuple[str, int]:
    """(extension, size) of a file chosen to attach, from its size and first 8 KB only (quick
    enough for the GUI thread); ``read_file`` checks it whole when it is stored."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(_SNIFF)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if (problem := too_big(size, max_mb)) is not None:
        raise ValidationError({"file": problem})
    if not head:
        raise ValidationError({"file": Msg("文件：{name} 是空文件", name=path.name)})
    kind = filetype.guess(head)
    if kind is None and _looks_like_text(head[: len(head) - 4] if len(head) == _SNIFF else head):
        return "txt", size
    if kind is None or kind.extension not in ALLOWED:
        raise _refused_type(path.name, kind)
    return kind.extension, size
