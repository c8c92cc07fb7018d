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
    """Return ``event`` as the event contract: the JSON object of `sitroom events --format json`.

    The one function every export, the API and ``sitroom.resolve.event_to_contract`` share.
    Keys: event_id; every field of EventMention.to_contract() (the canonical coded
    fields; doc_id, mention_id, evidence, text and extractor are the lead source's;
    fatalities/injured/detained are the best estimates); notes; status;
    fatalities/injured/detained low/best/high; and sources, one source_to_dict() per
    supporting mention ({doc_id, publisher, source_kind, stance, fatalities, injured,
    detained, mention_id}).
    """
    record: dict[str, Any] = {"event_id": event.event_id}
    record.update(event.coded.to_contract())
    record["notes"] = event.coded.notes  # the contract leaves notes out; exports need them
    record["status"] = event.status
    for name in FIGURE_FIELDS:
        record[name] = getattr(event, name)
    record["sources"] = [source_to_dict(source) for source in event.sources]
    return record
