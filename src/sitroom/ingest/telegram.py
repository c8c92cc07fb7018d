"""Telegram Desktop channel exports (result.json): each text post becomes one document.

Service messages and media-only posts (no text or caption) are passed over: they
report nothing to extract. Posts are ``social`` by default; pass
``default_source_kind=SourceKind.CLAIM`` for an armed group's own channel.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from sitroom.ingest.decoding import SourceFile
from sitroom.ingest.provenance import build_document, canonical_json_bytes, parse_published
from sitroom.ingest.records import FAILED, IngestProblem, IngestRecord
from sitroom.models import SourceKind

_NON_SLUG = re.compile(r"[^0-9a-z]+")
_KEPT_FIELDS = ("date", "edited", "views", "forwarded_from", "reply_to_message_id", "from", "from_id")


def flatten_text(text: Any) -> tuple[str, list[str]]:
    """Return the plain text of a Telegram "text" value and the URLs of its links.

    ``text`` is a string or a list of strings and entity objects
    ({"type": "bold", "text": "..."}, {"type": "text_link", "text": "...", "href": "..."}).
    Raises ValueError for any other shape.
    """
    if isinstance(text, str):
        return text, []
    if not isinstance(text, list):
        raise ValueError(f'"text" must be a string or a list, got {type(text).__name__}')
    parts: list[str] = []
    links: list[str] = []
    for item in text:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict) and isinstance(item.get("text", ""), str):
            parts.append(item.get("text", ""))
            if item.get("type") == "text_link" and item.get("href"):
                links.append(str(item["href"]))
            elif item.get("type") == "link":
                links.append(item.get("text", ""))
        else:
            raise ValueError(f'"text" list holds an unexpected item: {item!r:.60}')
    return "".join(parts), links


def channel_key(export: dict[str, Any]) -> str:
    """Return the channel's id, or a slug of its name when the export has no id."""
    if export.get("id") not in (None, ""):
        return str(export["id"])
    slug = _NON_SLUG.sub("-", str(export.get("name", "")).lower()).strip("-")
    return slug or "channel"


def read_telegram_export(
    source: SourceFile,
    export: dict[str, Any],
    *,
    default_source_kind: SourceKind | None = None,
) -> Iterator[IngestRecord | IngestProblem]:
    """Yield one record per text post of a parsed Telegram export; bad posts yield problems."""
    messages = export.get("messages")
    if not isinstance(messages, list):
        yield IngestProblem(source.name, FAILED, 'Telegram export: "messages" is not a list')
        return
    channel = {"name": export.get("name"), "key": channel_key(export), "type": export.get("type")}
    kind = default_source_kind or SourceKind.SOCIAL
    channel["source_kind_defaulted"] = default_source_kind is None
    for index, post in enumerate(messages):
        if not isinstance(post, dict) or post.get("type") != "message":
            continue
        try:
            record = _post_record(source, post, channel, kind)
        except ValueError as error:
            label = f"post {post.get('id', f'at index {index}')}"
            yield IngestProblem(source.name, FAILED, f"Telegram {label}: {error}")
            continue
        if record is not None:
            yield record


def _post_record(
    source: SourceFile, post: dict[str, Any], channel: dict[str, Any], kind: SourceKind
) -> IngestRecord | None:
    text, links = flatten_text(post.get("text", ""))
    if not text.strip():
        return None
    post_id = post.get("id")
    if not isinstance(post_id, (int, str)) or post_id == "":
        raise ValueError('missing "id"')
    metadata: dict[str, Any] = {"post_id": post_id, "channel_id": channel["key"]}
    if channel.get("source_kind_defaulted"):
        metadata["source_kind_defaulted"] = True
    metadata.update({key: post[key] for key in _KEPT_FIELDS if key in post})
    if links:
        metadata["links"] = links
    where = f"{source.name}#post={post_id}"
    document = build_document(
        text=text,
        raw=canonical_json_bytes(post),
        source_path=where,
        ingest_format="telegram",
        retrieved_at=source.retrieved_at,
        doc_id=f"telegram:{channel['key']}:{post_id}",
        source_kind=kind,
        metadata=metadata,
        publisher=channel["name"],
        published=parse_published(post.get("date")),
    )
    return IngestRecord(document, [], where)
