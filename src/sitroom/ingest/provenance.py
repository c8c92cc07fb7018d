"""Hashing, text normalisation, language guessing and Document assembly for all readers.

Every Document carries the SHA-256 of its raw bytes (what was preserved) and of its
normalised text (what was read), so the same report is recognised however it arrived.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from sitroom.models import Document, SourceKind

_WHITESPACE = re.compile(r"\s+")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sha256_hex(data: bytes) -> str:
    """Return the hex SHA-256 digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def normalise_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with whitespace runs collapsed to one space, stripped."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_sha256(text: str) -> str:
    """Return the SHA-256 of the normalised text (UTF-8), stable across whitespace changes."""
    return sha256_hex(normalise_text(text).encode("utf-8"))


def clean_text(text: str) -> str:
    """Return text as stored in a Document: NFC, LF line ends, no NULs, stripped ends.

    Inner whitespace is kept because evidence spans point into this text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text).strip()


def canonical_json_bytes(value: Any) -> bytes:
    """Return ``value`` as canonical JSON bytes (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.encode("utf-8")


def _is_arabic_script(char: str) -> bool:
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF


def arabic_script_share(text: str) -> float:
    """Return the share (0-1) of letters in ``text`` that are Arabic script."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if _is_arabic_script(char)) / len(letters)


def guess_language(text: str) -> str:
    """Return a cheap language guess: "fa" if mostly Arabic-script letters, else "en"."""
    return "fa" if arabic_script_share(text[:5000]) > 0.5 else "en"


def file_retrieved_at(path: Path) -> dt.datetime:
    """Return the file's modification time as an aware UTC datetime."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.timezone.utc)


def parse_published(value: Any) -> dt.date | None:
    """Return the date of a "YYYY-MM-DD" or ISO datetime string; None for empty input.

    Raises ValueError naming the value when it is neither form.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    try:
        if _DATE_ONLY.match(text):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise ValueError(f"date {text!r} is not YYYY-MM-DD or an ISO datetime") from None


def build_document(
    *,
    text: str,
    raw: bytes,
    source_path: str,
    ingest_format: str,
    retrieved_at: dt.datetime | None,
    doc_id: str | None = None,
    source_kind: SourceKind = SourceKind.NEWS,
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    **fields: Any,
) -> Document:
    """Assemble a Document with hashes, language and a default id filled in.

    ``fields`` are the optional Document fields (title, url, publisher, author,
    published). ``doc_id`` defaults to "doc:" + the first 16 hex digits of the
    text hash; ``language`` defaults to :func:`guess_language`.
    """
    stored_text = clean_text(text)
    digest = text_sha256(stored_text)
    return Document(
        doc_id=doc_id or f"doc:{digest[:16]}",
        text=stored_text,
        raw_sha256=sha256_hex(raw),
        text_sha256=digest,
        source_path=source_path,
        source_kind=source_kind,
        language=language or guess_language(stored_text),
        retrieved_at=retrieved_at,
        ingest_format=ingest_format,
        metadata=dict(metadata or {}),
        **fields,
    )
