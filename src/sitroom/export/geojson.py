"""Write canonical events with known coordinates as a GeoJSON FeatureCollection of points."""

from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from sitroom.models import Event
from sitroom.export.records import event_to_dict

# Properties left out of features: the source sentence is long and belongs to the document.
OMITTED_PROPERTIES = ("text",)


def event_to_feature(event: Event) -> dict[str, Any] | None:
    """Return the event as a Point Feature, or None if its latitude or longitude is unknown.

    Properties are event_to_dict() without the source text; geo_precision stays so a
    map can draw how uncertain the location is.
    """
    coded = event.coded
    if coded.latitude is None or coded.longitude is None:
        return None
    properties = {key: value for key, value in event_to_dict(event).items() if key not in OMITTED_PROPERTIES}
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": {"type": "Point", "coordinates": [coded.longitude, coded.latitude]},
        "properties": properties,
    }


def write_geojson(events: Iterable[Event], stream: TextIO) -> int:
    """Write a FeatureCollection to ``stream``, streaming one feature at a time; return the feature count.

    Events without coordinates are skipped (they cannot be placed on a map).
    """
    stream.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for event in events:
        feature = event_to_feature(event)
        if feature is None:
            continue
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(feature, ensure_ascii=False))
        count += 1
    stream.write("\n]}\n")
    return count
