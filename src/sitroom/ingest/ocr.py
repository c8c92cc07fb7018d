"""OCR of scanned PDF pages with Debian's tesseract (``tesseract-ocr`` and its -eng/-fas/-pus data).

Pages are rendered with PDFium (pypdfium2) and read by the ``tesseract`` program. Nothing here
downloads anything: when tesseract or a language is missing, the caller gets an OcrUnavailable
that says which Debian packages to install.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

OCR_DPI = 300
RETRY_BELOW_CHARS = 16  # fewer characters than this at OCR_DPI: try once more at half the resolution
OCR_TIMEOUT_SECONDS = 300  # per page; a page that takes longer is reported, not waited on forever
INSTALL_HINT = (
    "install Debian's tesseract-ocr with tesseract-ocr-eng, tesseract-ocr-fas and tesseract-ocr-pus "
    "(bash scripts/install_system_deps.sh tesseract-ocr tesseract-ocr-eng tesseract-ocr-fas tesseract-ocr-pus)"
)


class OcrUnavailable(Exception):
    """Tesseract (or every requested language) is not installed; the message says what to install."""


class OcrFailed(Exception):
    """Tesseract ran but could not read a page; the message names the page and the reason."""


def tesseract_program() -> str | None:
    """Return the path of the ``tesseract`` program, or None when it is not installed."""
    return shutil.which("tesseract")


@functools.lru_cache(maxsize=4)
def installed_languages(program: str) -> frozenset[str]:
    """Return the traineddata languages the given tesseract knows (``tesseract --list-langs``)."""
    result = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    lines = (result.stdout + result.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def usable_languages(requested: str) -> tuple[str, list[str]]:
    """Return (the ``-l`` value to use, the requested languages that are missing).

    Raises OcrUnavailable when tesseract is not installed or none of ``requested`` is.
    """
    program = tesseract_program()
    if program is None:
        raise OcrUnavailable(f"tesseract is not installed; {INSTALL_HINT}")
    wanted = [language for language in requested.split("+") if language]
    known = installed_languages(program)
    present = [language for language in wanted if language in known]
    missing = [language for language in wanted if language not in known]
    if not present:
        raise OcrUnavailable(f"no tesseract data for {requested!r} is installed; {INSTALL_HINT}")
    return "+".join(present), missing


def ocr_pdf_page(data: bytes, page_index: int, languages: str) -> str:
    """Return the text tesseract reads on page ``page_index`` (0-based) of the PDF in ``data``.

    The page is rendered at OCR_DPI; when tesseract finds (almost) nothing there it is tried
    again at half that, because tesseract misses text whose letters are very large.
    ``languages`` is a tesseract ``-l`` value of installed languages (see usable_languages).
    Raises OcrUnavailable when tesseract is missing, OcrFailed when the page cannot be read.
    """
    program = tesseract_program()
    if program is None:
        raise OcrUnavailable(f"tesseract is not installed; {INSTALL_HINT}")
    text = ""
    for dpi in (OCR_DPI, OCR_DPI // 2):
        text = _tesseract_page(program, data, page_index, languages, dpi)
        if len(text.strip()) >= RETRY_BELOW_CHARS:
            break
    return text


def _tesseract_page(program: str, data: bytes, page_index: int, languages: str, dpi: int) -> str:
    with tempfile.TemporaryDirectory(prefix="sitroom-ocr-") as folder:
        image = Path(folder) / "page.png"
        _render_page(data, page_index, image, dpi)
        command = [program, str(image), "stdout", "-l", languages, "--dpi", str(dpi)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise OcrFailed(f"page {page_index + 1}: tesseract took longer than {OCR_TIMEOUT_SECONDS} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise OcrFailed(f"page {page_index + 1}: tesseract failed: {message[0]}")
    return result.stdout.decode("utf-8", errors="replace")


def _render_page(data: bytes, page_index: int, target: Path, dpi: int) -> None:
    """Render one PDF page to a grey PNG file at ``dpi``."""
    import pypdfium2  # imported here: only scanned PDFs need it

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise OcrFailed(f"page {page_index + 1}: PDFium cannot open the file: {error}") from None
    try:
        page = document[page_index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        bitmap.to_pil().save(target)
    finally:
        document.close()
