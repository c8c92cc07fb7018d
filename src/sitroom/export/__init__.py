"""sitroom export stage: canonical events as ACLED-compatible CSV, JSON Lines, GeoJSON, Parquet, UCDP GED-style CSV."""

from __future__ import annotations

from sitroom.export.acled import ACLED_COLUMNS, write_acled_csv
from sitroom.export.geojson import write_geojson
from sitroom.export.jsonl import write_json_array, write_jsonl
from sitroom.export.parquet import write_parquet
from sitroom.export.records import event_to_dict
from sitroom.export.ucdp import write_ucdp_csv

__all__ = ["ACLED_COLUMNS", "event_to_dict", "write_acled_csv", "write_geojson", "write_json_array", "write_jsonl",
           "write_parquet", "write_ucdp_csv"]
