"""Write canonical events as Apache Parquet through pyarrow, with an explicit, typed schema.

One row per event: the event contract (``event_to_dict``) with the claim flattened to
claim_stance / claim_by, lists as list<string>, the evidence as JSON text and the sources as
a list of structs, plus the ACLED id and codes (event_id_cnty, inter1, inter2, interaction,
source_scale) so a Parquet file carries everything the ACLED CSV does. pyarrow is the optional
extra ``sitroom[parquet]``; without it a SitroomError says how to install it.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Callable, Iterable

from sitroom.errors import SitroomError
from sitroom.export.acled import acled_rows
from sitroom.export.records import event_to_dict
from sitroom.models import Event

_INT_COLUMNS = (
    "time_precision", "geo_precision", "fatalities", "injured", "detained", "released",
    "fatalities_low", "fatalities_best", "fatalities_high", "injured_low", "injured_best", "injured_high",
    "detained_low", "detained_best", "detained_high",
)  # fmt: skip
_TEXT_COLUMNS = (
    "event_id", "event_id_cnty", "doc_id", "mention_id", "event_date", "event_type", "sub_event_type", "actor1",
    "actor2", "country", "admin1", "admin1_code", "admin2", "location", "claim_stance", "claim_by", "text",
    "notes", "status", "source_event_id", "extractor", "evidence", "source_scale", "inter1", "inter2",
    "interaction", "disorder_type", "civilian_targeting",
)  # fmt: skip
_ACLED_COLUMNS = ("event_id_cnty", "source_scale", "inter1", "inter2", "interaction", "disorder_type",
                  "civilian_targeting")  # fmt: skip


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise SitroomError("Parquet export needs pyarrow: pip install 'sitroom[parquet]'") from None
    return pyarrow


def parquet_schema():
    """Return the pyarrow schema of the Parquet export."""
    pa = _pyarrow()
    source = pa.struct([
        ("doc_id", pa.string()), ("publisher", pa.string()), ("source_kind", pa.string()), ("stance", pa.string()),
        ("fatalities", pa.int64()), ("injured", pa.int64()), ("detained", pa.int64()), ("mention_id", pa.string()),
    ])  # fmt: skip
    fields = [(name, pa.string()) for name in _TEXT_COLUMNS] + [(name, pa.int64()) for name in _INT_COLUMNS]
    fields += [("latitude", pa.float64()), ("longitude", pa.float64()), ("is_aggregate", pa.bool_()),
               ("tags", pa.list_(pa.string())), ("assoc_actors", pa.list_(pa.string())),
               ("sources", pa.list_(source))]  # fmt: skip
    return pa.schema(fields)


def parquet_record(event: Event, acled: dict[str, Any]) -> dict[str, Any]:
    """Return one event as the Parquet export's row (see the module docstring)."""
    record = event_to_dict(event)
    claim = record.pop("claim")
    record["claim_stance"], record["claim_by"] = claim["stance"], claim["by"]
    record["evidence"] = json.dumps(record["evidence"], sort_keys=True)
    for column in _ACLED_COLUMNS:
        record[column] = "" if acled[column] == "" else str(acled[column])
    return record


def write_parquet(events: Iterable[Event], target: str | BinaryIO,
                  origins: Callable[[list[str]], dict[str, Any]] | None = None) -> int:
    """Write ``events`` to ``target`` (a path or binary stream) as one Parquet table; return the row count."""
    pa = _pyarrow()
    listed = list(events)
    records = [parquet_record(event, acled) for event, acled in zip(listed, acled_rows(listed, origins))]
    schema = parquet_schema()
    table = pa.Table.from_pylist(records, schema=schema)
    pa.parquet.write_table(table, target, compression="zstd")
    return table.num_rows
