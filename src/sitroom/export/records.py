"""Turn a canonical Event into the plain dict every export and the API share."""

from __future__ import annotations

from typing import Any

from sitroom.models import Event, SourceReport

FIGURE_FIELDS = tuple(f"{kind}_{level}" for kind in ("fatalities", "injured", "detained") for level in ("low", "best", "high"))


def source_to_dict(source: SourceReport) -> dict[str, Any]:
    """Return one source report as a JSON-ready dict."""
    return {
        "doc_id": source.doc_id,
        "publisher": source.publisher,
        "source_kind": source.source_kind.value,
        "stance": source.stance.value,
        "fatalities": source.fatalities,
        "injured": source.injured,
        "detained": source.detained,
        "mention_id": source.mention_id,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """Return ``event`` as a JSON-ready dict.

    Keys: event_id, every coded field of EventMention.to_contract() (doc_id and
    mention_id are the lead source's), notes, status, fatalities/injured/detained
    low/best/high, and sources (a list of source_to_dict()).
    """
    record: dict[str, Any] = {"event_id": event.event_id}
    record.update(event.coded.to_contract())
    record["notes"] = event.coded.notes  # the contract leaves notes out; exports need them
    record["status"] = event.status
    for name in FIGURE_FIELDS:
        record[name] = getattr(event, name)
    record["sources"] = [source_to_dict(source) for source in event.sources]
    return record
