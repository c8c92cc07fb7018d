"""Write canonical events as JSON: JSON Lines (one event_to_dict() per line) or one JSON array."""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from sitroom.models import Event
from sitroom.export.records import event_to_dict


def write_jsonl(events: Iterable[Event], stream: TextIO) -> int:
    """Write one JSON object per event to ``stream`` (UTF-8 text kept readable); return the count."""
    count = 0
    for event in events:
        stream.write(json.dumps(event_to_dict(event), ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def write_json_array(events: Iterable[Event], stream: TextIO) -> int:
    """Write the events as one JSON array of event_to_dict() objects; return the count."""
    stream.write("[")
    count = 0
    for event in events:
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(event_to_dict(event), ensure_ascii=False))
        count += 1
    stream.write("\n]\n")
    return count
