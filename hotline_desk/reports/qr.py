"""A QR code's module matrix, from reportlab's own encoder (no extra dependency): the desk draws
it with Qt (the second factor's enrolment) and could print it the same way."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder

QUIET_ZONE = 4
"""Modules of white border the QR standard asks for around the symbol."""

MASK_PATTERN = 0
"""The data mask used for every code. The standard lets the encoder pick any of the eight;
reportlab's ``make()`` builds the symbol eight times to score each (about 7 ms a slip, a third
of a slip's rendering), and readers decode every mask alike."""


def qr_matrix(text: str, level: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of ``text``'s QR code, row by row, smallest version
    that holds it at error correction ``level`` (L, M, Q or H); no quiet zone."""
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, level))
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(False, MASK_PATTERN)
    size = code.getModuleCount()
    return tuple(tuple(bool(code.isDark(r, c)) for c in range(size)) for r in range(size))
