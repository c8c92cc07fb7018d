"""Measure the collect stage: PDF text pages/s, OCR seconds per scanned page, preservation cost per file.

Usage:
    nice .venv/bin/python benchmarks/bench_collect.py [--pages 200] [--files 300] [--ocr-pages 2]

Inputs are generated here (fpdf2, Pillow: the `test` extra) from synthetic text; nothing is read
from outside. Figures are wall-clock on this machine; say so when the machine is shared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitroom.config import Settings  # noqa: E402
from sitroom.evidence.keeper import EvidenceKeeper  # noqa: E402
from sitroom.ingest import ocr  # noqa: E402
from sitroom.ingest.decoding import SourceFile  # noqa: E402
from sitroom.ingest.pdf import read_pdf  # noqa: E402
from sitroom.store import open_repository  # noqa: E402
from tests.collect import builders  # noqa: E402


def bench_text_pdf(pages: int) -> None:
    data = builders.text_pdf([f"{builders.PAGE_TWO} Page {n}. {builders.PAGE_THREE}" for n in range(pages)])
    started = time.perf_counter()
    [record] = list(read_pdf(SourceFile("bench.pdf", data, None)))
    elapsed = time.perf_counter() - started
    print(f"text PDF: {pages} pages, {len(data):,} bytes, {elapsed:.2f} s = {pages / elapsed:,.0f} pages/s "
          f"({len(record.document.text):,} characters)")


def bench_ocr(pages: int, languages: str) -> None:
    try:
        usable, _missing = ocr.usable_languages(languages)
    except ocr.OcrUnavailable as error:
        print(f"OCR ({languages}): skipped: {error}")
        return
    data = builders.scanned_pdf(["Synthetic example. Taliban forces detained", "six villagers in Andarab district."])
    started = time.perf_counter()
    for _ in range(pages):
        ocr.ocr_pdf_page(data, 0, usable)
    print(f"OCR ({usable}): {(time.perf_counter() - started) / pages:.2f} s per page (300 dpi render + tesseract)")


def bench_preservation(files: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for index in range(files):
            path = root / f"report-{index}.txt"
            path.write_text(f"Synthetic example {index}. {builders.PAGE_TWO}\n" * 20, encoding="utf-8")
            paths.append(path)
        settings = Settings(db_path=root / "bench.db", analyst="bench")
        with open_repository(settings.db_path) as repository:
            keeper = EvidenceKeeper.for_settings(settings, repository)
            started = time.perf_counter()
            for path in paths:
                keeper.preserve_file(path, path.read_bytes())
            elapsed = time.perf_counter() - started
    print(f"preservation: {files} files in {elapsed:.2f} s = {1000 * elapsed / files:.2f} ms per file "
          "(blob write with fsync + acquisition row + custody row)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--ocr-pages", type=int, default=2)
    options = parser.parse_args()
    bench_text_pdf(options.pages)
    bench_ocr(options.ocr_pages, "eng")
    bench_ocr(options.ocr_pages, "eng+fas+pus")
    bench_preservation(options.files)


if __name__ == "__main__":
    main()
