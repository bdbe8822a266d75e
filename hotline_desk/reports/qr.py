"""A QR code's module matrix, from reportlab's own encoder (no extra dependency): the desk draws
it with Qt (the second factor's enrolment) and could print it the same way."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder

QUIET_ZONE = 4
"""Modules of white border the QR standard asks for around the symbol."""


def qr_matrix(text: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``text``'s QR code, row by row, smallest version
    that holds it at error correction ``level`` (L, M, Q or H); no quiet zone."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)
    code.make()
    size = code.getModuleCount()
    return tuple(tuple(bool(code.isDark(r, c)) for c in range(size)) for r in range(size))
