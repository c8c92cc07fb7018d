"""Read and write labelled resolution benchmarks (JSONL, one mention per line).

Each line holds the Extraction contract's coded fields of one mention (doc_id,
mention_id, event_date, time_precision, event_type, ..., claim {stance, by}, text)
plus its document's ``publisher``, ``source_kind`` and ``published`` date, its
``stance`` and the gold ``event_key`` naming the real-world event it reports.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sitroom.errors import InputError
from sitroom.models import Claim, EventMention, SourceKind, Stance
from sitroom.resolve.records import ResolvableMention

_TEXT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin1_code",
                "admin2", "location", "notes", "source_event_id")  # fmt: skip
_INT_FIELDS = ("fatalities", "injured", "detained")


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def mention_from_record(row: dict[str, Any]) -> ResolvableMention:
    """Return the ResolvableMention a benchmark line describes; raise ValueError/KeyError/TypeError."""
    claim = row.get("claim") or {}
    stance = Stance(row.get("stance") or claim.get("stance") or "reported")
    mention = EventMention(
        doc_id=str(row["doc_id"]),
        mention_id=str(row["mention_id"]),
        event_date=_date(row.get("event_date")),
        time_precision=int(row.get("time_precision", 3)),
        tags=list(row.get("tags") or []),
        assoc_actors=list(row.get("assoc_actors") or []),
        latitude=row.get("latitude"),
        longitude=row.get("longitude"),
        geo_precision=int(row.get("geo_precision", 3)),
        claim=Claim(stance=stance, by=claim.get("by")),
        text=str(row.get("text") or ""),
        is_aggregate=bool(row.get("is_aggregate", False)),
        **{name: row.get(name) for name in _TEXT_FIELDS},
        **{name: None if row.get(name) is None else int(row[name]) for name in _INT_FIELDS},
    )
    return ResolvableMention(
        mention=mention,
        publisher=row.get("publisher"),
        source_kind=SourceKind.parse(row.get("source_kind")),
        published=_date(row.get("published")),
    )


def mention_to_record(record: ResolvableMention, event_key: str | None = None) -> dict[str, Any]:
    """Return one benchmark line (a dict) for a mention and its gold event key."""
    row = record.mention.to_contract()
    row.pop("evidence", None)
    row.pop("extractor", None)
    row.update(
        publisher=record.publisher,
        source_kind=record.source_kind.value,
        stance=record.stance.value,
        published=record.published.isoformat() if record.published else None,
    )
    if event_key is not None:
        row["event_key"] = event_key
    return row


def load_benchmark(path: Path) -> tuple[list[ResolvableMention], dict[str, str]]:
    """Read a benchmark file; return its mentions and gold labels (mention id -> event key).

    Raises InputError naming the file and line of the first bad record.
    """
    records: list[ResolvableMention] = []
    gold: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read the benchmark: {error.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            record = mention_from_record(row)
            key = str(row["event_key"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise InputError(str(path), f"bad benchmark record: {error!r}", line=number) from None
        if record.mention_id in gold:
            raise InputError(str(path), f"mention id {record.mention_id!r} occurs twice", line=number)
        records.append(record)
        gold[record.mention_id] = key
    return records, gold
