"""Reading generated PDFs in tests: page texts, embedded fonts, and the QR code decoded from the
rendered page (pdftoppm + zxing-cpp), plus a PNG of page 1 to look at."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def text_of(data: bytes) -> str:
    """All pages' text with whitespace removed (extraction spaces CJK text unpredictably)."""
    return "".join("".join(t.split()) for t in page_texts(data))


def embedded_font_files(data: bytes) -> list[tuple[str, str]]:
    """(BaseFont, font file key) of every font descriptor in the PDF."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            if descriptor is None:
                found.append((str(font["/BaseFont"]), ""))
                continue
            descriptor = descriptor.get_object()
            keys = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            found.append((str(font["/BaseFont"]), keys[0] if keys else ""))
    return found


def artifacts_dir(fallback: Path) -> Path:
    """Where PNGs of generated documents go (CI keeps HOTLINE_DESK_TEST_ARTIFACTS)."""
    folder = Path(os.environ.get("HOTLINE_DESK_TEST_ARTIFACTS") or fallback) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def render_page(data: bytes, out: Path, name: str, dpi: int = 80, page: int = 1) -> Path:
    """Page ``page`` as ``out/name.png`` via pdftoppm (skips when poppler is missing)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = out / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out / name)], check=True)  # fmt: skip
    return out / f"{name}.png"


def decode_qr(png: Path) -> list[str]:
    """The texts of the QR codes in a picture."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as image:
        return [r.text for r in zxingcpp.read_barcodes(image) if r.format.name == "QRCode"]
