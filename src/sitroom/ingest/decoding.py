"""Reading input bytes safely: size and binary checks, encoding detection, line splitting.

Bad bytes never crash a reader: they are decoded with replacement characters and a
warning goes into the document's metadata so an analyst can see the text is damaged.
"""

from __future__ import annotations

import codecs
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from sitroom.ingest.provenance import arabic_script_share, file_retrieved_at
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats people drop into an input folder by mistake.
_MAGIC_NUMBERS = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (also .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document (.doc/.xls)"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_SNIFF_BYTES = 8192


@dataclass(slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and any warnings about damage."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SourceLine:
    """One line of a text file: 1-based number, its raw bytes (no line end) and its text."""

    number: int
    raw: bytes
    text: str


@dataclass(slots=True)
class SourceFile:
    """A file's bytes, checked to be readable, with its name and retrieval time."""

    name: str  # the path as given, used in messages and source_path
    data: bytes
    retrieved_at: dt.datetime | None  # when sitroom read it (UTC), not the file's mtime
    _decoded: Decoded | None = None
    modified_at: dt.datetime | None = None  # the file's modification time, when it is a file

    def decoded(self) -> Decoded:
        """Return the file's text, decoding once on first use."""
        if self._decoded is None:
            self._decoded = decode_bytes(self.data)
        return self._decoded

    def base_metadata(self) -> dict[str, object]:
        """Return metadata every document from this file carries (encoding, warnings)."""
        decoded = self.decoded()
        metadata: dict[str, object] = {"encoding": decoded.encoding}
        if self.modified_at is not None:
            metadata["file_modified"] = self.modified_at.isoformat()
        if decoded.warnings:
            metadata["warnings"] = list(decoded.warnings)
        return metadata


def binary_kind(data: bytes) -> str | None:
    """Return a description of ``data`` if it looks binary, else None."""
    for magic, kind in _MAGIC_NUMBERS:
        if data.startswith(magic):
            return kind
    if _bom_encoding(data) is None and b"\x00" in data[:_SNIFF_BYTES]:
        return "binary data (contains NUL bytes)"
    return None


def load_source(path: Path, max_bytes: int) -> SourceFile | IngestProblem:
    """Read ``path`` if it exists, fits ``max_bytes``, is not empty and is not binary.

    Returns the SourceFile, or one IngestProblem naming the file and the reason.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return IngestProblem(
                name, FAILED,
                f"file is {size} bytes, larger than max_file_bytes={max_bytes}; "
                "split it or raise the max_file_bytes setting",
            )
        data = path.read_bytes()
        retrieved_at = dt.datetime.now(dt.timezone.utc)
        modified_at = file_retrieved_at(path)
    except FileNotFoundError:
        return IngestProblem(name, FAILED, "file does not exist")
    except OSError as error:
        return IngestProblem(name, FAILED, f"cannot read file: {error.strerror or error}")
    source = check_bytes(name, data, retrieved_at)
    if isinstance(source, SourceFile):
        source.modified_at = modified_at
    return source


def check_bytes(name: str, data: bytes, retrieved_at: dt.datetime | None) -> SourceFile | IngestProblem:
    """Refuse empty or binary content; otherwise wrap it as a SourceFile."""
    kind = binary_kind(data)
    if kind is not None:
        return IngestProblem(name, FAILED, f"binary file refused: looks like {kind}, not text")
    source = SourceFile(name, data, retrieved_at)
    if not data.strip() or not source.decoded().text.strip():
        return IngestProblem(name, SKIPPED, "empty file: no text to read")
    return source


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``, detecting the encoding; never raises.

    Order: byte-order mark; strict UTF-8; UTF-8 with a few bad bytes (replaced,
    with a warning); cp1256 when that yields mostly Arabic script (Dari/Pashto
    files from Windows); charset-normalizer's guess; UTF-8 with replacement.
    """
    bom = _bom_encoding(data)
    if bom is not None:
        return _decode_with(data, bom)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    # Valid multi-byte sequences almost never occur by chance in single-byte encodings,
    # so as many valid as invalid ones means UTF-8 with damage, not another encoding.
    valid = sum(1 for char in loose if char > "\x7f" and char != "\ufffd")
    mostly_ascii = bad * 100 <= len(data) and arabic_script_share(loose) <= 0.5
    if valid >= bad or mostly_ascii:
        return _decode_with(data, "utf-8")
    cp1256 = data.decode("cp1256", errors="replace")
    if arabic_script_share(cp1256) > 0.5:
        return Decoded(cp1256, "cp1256", ["not UTF-8; decoded as cp1256 (Windows Arabic script)"])
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding:
        return Decoded(str(guess), guess.encoding, [f"not UTF-8; encoding guessed as {guess.encoding}"])
    return _decode_with(data, "utf-8")


def _decode_with(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        text = text.lstrip("\ufeff")
    decoded = Decoded(text, encoding)
    damaged = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if damaged:
        decoded.warnings.append(
            f"{damaged} invalid byte sequence(s) for {encoding} replaced with U+FFFD"
        )
    return decoded


def split_lines(source: SourceFile) -> list[SourceLine]:
    """Return the file's lines with their raw bytes and decoded text.

    For ASCII-compatible encodings each line's bytes are the exact bytes in the
    file; for UTF-16/32 they are the line's text re-encoded as UTF-8. Line ends
    are removed.
    """
    decoded = source.decoded()
    encoding = decoded.encoding
    if encoding.startswith(("utf-16", "utf-32")):
        texts = [text.rstrip("\r") for text in decoded.text.split("\n")]
        return [SourceLine(i, text.encode("utf-8"), text) for i, text in enumerate(texts, 1)]
    data = source.data[len(codecs.BOM_UTF8):] if encoding == "utf-8-sig" else source.data
    plain = "utf-8" if encoding == "utf-8-sig" else encoding
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        raw = raw.rstrip(b"\r")
        lines.append(SourceLine(number, raw, raw.decode(plain, errors="replace")))
    return lines
