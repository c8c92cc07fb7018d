"""RSS and Atom feed files: each entry becomes one document; the feed title is the publisher."""

from __future__ import annotations

import calendar
import io
import datetime as dt
import re
from typing import Any, Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.html import HtmlParseError, strip_html
from sitroom.ingest.provenance import build_document, canonical_json_bytes
from sitroom.ingest.records import FAILED, SKIPPED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_ENTITY_DECLARATION = re.compile(r"<!ENTITY\b", re.IGNORECASE)
_TEXT_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
ENTITY_REFUSAL = (
    "feed declares its own XML entities (<!ENTITY> in its DOCTYPE); refused unread: such declarations "
    "can expand without bound (billion laughs) or pull in local files, and real feeds never need them"
)


def looks_like_feed(data: bytes) -> bool:
    """Return True if the first few KiB contain an RSS, Atom or RDF root element."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_FEED_ROOT.search(head))


def declares_entities(source: SourceFile) -> bool:
    """Return True if the prolog before the feed's root element declares an XML entity."""
    text = source.decoded().text
    root = _TEXT_ROOT.search(text)
    prolog = text[: root.start()] if root else text
    return bool(_ENTITY_DECLARATION.search(prolog))


def _field(entry: Any, key: str) -> Any:
    """Return an entry field as parsed, bypassing feedparser's deprecated key aliases."""
    return dict.get(entry, key)


def _entry_date(entry: Any) -> dt.date | None:
    parsed = _field(entry, "published_parsed") or _field(entry, "updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc).date()


def _entry_text(entry: Any) -> str:
    """Return the entry's longest content (or its summary), HTML stripped."""
    bodies = [part.get("value", "") for part in entry.get("content", []) or []]
    bodies.append(entry.get("summary", "") or "")
    best = max(bodies, key=len)
    return strip_html(best)


def _entry_raw(entry: Any) -> bytes:
    """Return canonical JSON of the entry's source fields: the bytes its hash preserves."""
    keys = ("id", "title", "link", "published", "updated", "author", "summary")
    fields = {key: _field(entry, key) for key in keys if _field(entry, key) is not None}
    fields["content"] = [part.get("value", "") for part in entry.get("content", []) or []]
    return canonical_json_bytes(fields)


def read_feed(
    source: SourceFile, *, default_source_kind: SourceKind | None = None
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record per feed entry with text; an unparseable feed yields one problem."""
    import feedparser  # imported here so importing sitroom stays light

    if declares_entities(source):
        yield IngestProblem(source.name, FAILED, ENTITY_REFUSAL)
        return
    # A stream, never the bytes themselves: feedparser opens a bytes value that names a path or URL.
    try:
        parsed = feedparser.parse(io.BytesIO(source.data), resolve_relative_uris=False, sanitize_html=True)
    except (ValueError, TypeError, IndexError, AssertionError, RecursionError) as error:  # feedparser's loose parser on odd markup
        yield IngestProblem(source.name, FAILED, f"feed cannot be parsed: {type(error).__name__}: {error}")
        return
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
            yield IngestProblem(source.name, FAILED, reason)
        else:
            yield IngestProblem(source.name, SKIPPED, "feed has no entries")
        return
    publisher = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        try:
            yield _entry_record(source, entry, index, publisher, default_source_kind)
        except HtmlParseError as error:
            yield IngestProblem(source.name, FAILED, f"feed entry {index}: {error}")


def _entry_record(
    source: SourceFile, entry: Any, index: int, publisher: str | None,
    default_source_kind: SourceKind | None,
) -> IngestRecord | IngestProblem:
    text = _entry_text(entry)
    title = strip_html(entry.get("title", "") or "") or None
    if not text and title:
        text = title  # headline-only feeds still report something
    if not text:
        return IngestProblem(source.name, SKIPPED, f"feed entry {index} has no text or title")
    metadata: dict[str, Any] = {"entry_index": index}
    if entry.get("id"):
        metadata["entry_id"] = entry["id"]
    where = f"{source.name}#entry={index}"
    document = build_document(
        text=text, raw=_entry_raw(entry), source_path=where, ingest_format="feed",
        retrieved_at=source.retrieved_at, source_kind=default_source_kind or SourceKind.NEWS,
        metadata=metadata, title=title, url=entry.get("link"), publisher=publisher,
        author=entry.get("author"), published=_entry_date(entry),
    )
    return IngestRecord(document, [], where)
