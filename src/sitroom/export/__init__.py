"""sitroom export stage: canonical events as ACLED-compatible CSV, JSON Lines and GeoJSON."""

from __future__ import annotations

from sitroom.export.acled import ACLED_COLUMNS, write_acled_csv
from sitroom.export.geojson import write_geojson
from sitroom.export.jsonl import write_json_array, write_jsonl
from sitroom.export.records import event_to_dict

__all__ = ["ACLED_COLUMNS", "event_to_dict", "write_acled_csv", "write_geojson", "write_json_array", "write_jsonl"]
