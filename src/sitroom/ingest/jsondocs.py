"""JSON and JSON Lines documents: objects with id, text and optional provenance fields.

Each object: ``id``, ``text`` (required, non-empty), optional ``title``, ``url``,
``publisher``, ``author``, ``published`` (YYYY-MM-DD or ISO datetime),
``source_kind`` and ``language``. Other keys are kept in ``metadata["extra"]``,
except evaluation gold labels (``expected``), which are dropped so answers never
reach the store.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any, Iterable, Iterator

from sitroom.ingest.decoding import SourceFile, split_lines
from sitroom.ingest.provenance import build_document, canonical_json_bytes, parse_published
from sitroom.ingest.records import FAILED, IngestProblem, IngestRecord
from sitroom.models import Document, SourceKind

_KNOWN_KEYS = {"id", "text", "title", "url", "publisher", "author", "published", "source_kind", "language"}
_DROPPED_KEYS = {"expected"}


def document_from_object(
    obj: Any,
    *,
    raw: bytes,
    source_path: str,
    ingest_format: str,
    retrieved_at: dt.datetime | None,
    default_source_kind: SourceKind | None = None,
    metadata: dict[str, Any] | None = None,
) -> Document:
    """Build a Document from one JSON object; raise ValueError saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('missing or empty "text" (a non-empty string is required)')
    optional = {key: obj.get(key) for key in ("title", "url", "publisher", "author", "language")}
    for key, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string, got {type(value).__name__}')
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise ValueError(f'"id" must be a string or integer, got {type(doc_id).__name__}')
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_KEYS and k not in _DROPPED_KEYS}
    metadata = dict(metadata or {})
    if extra:
        metadata["extra"] = extra
    return build_document(
        text=text,
        raw=raw,
        source_path=source_path,
        ingest_format=ingest_format,
        retrieved_at=retrieved_at,
        doc_id=str(doc_id).strip() if doc_id not in (None, "") else None,
        source_kind=SourceKind.parse(obj.get("source_kind"), default=default_source_kind),
        language=optional.pop("language") or None,
        metadata=metadata,
        published=_published(obj.get("published")),
        **optional,
    )


def _published(value: Any) -> dt.date | None:
    try:
        return parse_published(value)
    except ValueError as error:
        raise ValueError(f'"published": {error}') from None


NESTING_REFUSAL = "JSON nested too deeply to read (thousands of levels of [ or {); not a document"


def _jsonl_line_record(
    line_text: str, raw: bytes, where: str, number: int, **options: Any
) -> IngestRecord | IngestProblem:
    try:
        obj = json.loads(line_text)
    except json.JSONDecodeError as error:
        return IngestProblem(where, FAILED, f"invalid JSON: {error.msg} at column {error.colno}", number)
    except RecursionError:
        return IngestProblem(where, FAILED, NESTING_REFUSAL, number)
    try:
        document = document_from_object(obj, raw=raw, source_path=f"{where}#line={number}", **options)
    except ValueError as error:
        return IngestProblem(where, FAILED, str(error), number)
    return IngestRecord(document, [], f"{where}:{number}")


def _read_lines(
    lines: Iterable[tuple[int, bytes, str]], where: str, **options: Any
) -> Iterator[IngestRecord | IngestProblem]:
    for number, raw, text in lines:
        if text.strip():
            yield _jsonl_line_record(text.lstrip("\ufeff"), raw, where, number, **options)


def read_jsonl(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record per non-blank line of a JSONL file; a bad line yields a problem."""
    lines = ((line.number, line.raw, line.text) for line in split_lines(source))
    yield from _read_lines(
        lines, source.name, ingest_format="jsonl", retrieved_at=source.retrieved_at,
        default_source_kind=default_source_kind, metadata=source.base_metadata(),
    )


def read_jsonl_stream(
    stream: IO[str] | IO[bytes],
    source_name: str = "<stdin>",
    *,
    default_source_kind: SourceKind | None = None,
    retrieved_at: dt.datetime | None = None,
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield records from a JSONL text or byte stream (e.g. stdin for ``sitroom extract -``).

    ``retrieved_at`` defaults to now (UTC). Bad lines yield problems with line numbers.
    """
    retrieved_at = retrieved_at or dt.datetime.now(dt.timezone.utc)

    def lines() -> Iterator[tuple[int, bytes, str]]:
        for number, line in enumerate(stream, 1):
            raw = line if isinstance(line, bytes) else line.encode("utf-8", errors="replace")
            raw = raw.rstrip(b"\r\n")
            yield number, raw, raw.decode("utf-8", errors="replace")

    yield from _read_lines(
        lines(), source_name, ingest_format="jsonl", retrieved_at=retrieved_at,
        default_source_kind=default_source_kind,
    )


def is_telegram_export(obj: Any) -> bool:
    """Return True for a Telegram Desktop export: an object with "messages" and "name"/"type"."""
    return isinstance(obj, dict) and "messages" in obj and ("name" in obj or "type" in obj)


def read_json_value(
    source: SourceFile, value: Any, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield records for a parsed .json file: one object, or an array of objects.

    A single object keeps the whole file's bytes as raw; array items use their
    canonical JSON. A bad item yields a problem naming its position.
    """
    items = value if isinstance(value, list) else [value]
    single = not isinstance(value, list)
    for index, item in enumerate(items):
        where = source.name if single else f"{source.name}#item={index}"
        raw = source.data if single else canonical_json_bytes(item)
        try:
            document = document_from_object(
                item, raw=raw, source_path=where, ingest_format="json",
                retrieved_at=source.retrieved_at, default_source_kind=default_source_kind,
                metadata=source.base_metadata(),
            )
        except ValueError as error:
            label = "" if single else f"item {index}: "
            yield IngestProblem(source.name, FAILED, f"{label}{error}")
            continue
        yield IngestRecord(document, [], where)
