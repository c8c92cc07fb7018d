"""The review queue's scoring numbers, read and checked from data/review/queue.json."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitroom.datafiles import read_data_json
from sitroom.errors import DataPackError
from sitroom.store.review_records import CONFIDENCE_GROUPS

FIELD_GROUPS = CONFIDENCE_GROUPS  # the columns of review_scores (migration 0021) are named after these
PRIORITY_PARTS = ("low_confidence", "contested", "fatalities", "new_actor", "sent_back")
_FILE = "review/queue.json"


@dataclass(frozen=True, slots=True)
class QueueSettings:
    """Scores of date and place precision, evidence and agreement, and the queue's priority weights."""

    time_precision: dict[int, float]
    geo_precision: dict[int, float]
    missing_value: float
    evidence_with: float
    evidence_without: float
    single_source_agreement: float
    date_agreement_days: int
    figures_none_reported: float
    claims_only_factor: float
    field_weights: dict[str, float]
    priority_weights: dict[str, float]
    fatalities_scale: int
    contested_statuses: frozenset[str]
    scan_limit: int


def _unit(value: Any, where: str) -> float:
    if not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise DataPackError(f"{_FILE}: {where} must be a number from 0 to 1, got {value!r}")
    return float(value)


def _weights(raw: dict, names: tuple[str, ...], where: str) -> dict[str, float]:
    missing = [name for name in names if name not in raw]
    if missing or any(not isinstance(raw[n], (int, float)) or raw[n] < 0 for n in names):
        raise DataPackError(f"{_FILE}: {where} needs non-negative numbers for {', '.join(names)}")
    return {name: float(raw[name]) for name in names}


def _precisions(raw: dict, where: str) -> dict[int, float]:
    if sorted(raw) != ["1", "2", "3"]:
        raise DataPackError(f"{_FILE}: {where} needs scores for precisions 1, 2 and 3")
    return {int(key): _unit(value, f"{where}.{key}") for key, value in raw.items()}


@lru_cache(maxsize=1)
def queue_settings() -> QueueSettings:
    """Return the packaged queue settings; DataPackError names the file and the bad entry."""
    raw = read_data_json("review", "queue.json")
    try:
        return QueueSettings(
            time_precision=_precisions(raw["time_precision"], "time_precision"),
            geo_precision=_precisions(raw["geo_precision"], "geo_precision"),
            missing_value=_unit(raw["missing_value"], "missing_value"),
            evidence_with=_unit(raw["evidence_span"]["with"], "evidence_span.with"),
            evidence_without=_unit(raw["evidence_span"]["without"], "evidence_span.without"),
            single_source_agreement=_unit(raw["single_source_agreement"], "single_source_agreement"),
            date_agreement_days=int(raw["date_agreement_days"]),
            figures_none_reported=_unit(raw["figures"]["none_reported"], "figures.none_reported"),
            claims_only_factor=_unit(raw["figures"]["claims_only_factor"], "figures.claims_only_factor"),
            field_weights=_weights(raw["field_weights"], FIELD_GROUPS, "field_weights"),
            priority_weights=_weights(raw["priority_weights"], PRIORITY_PARTS, "priority_weights"),
            fatalities_scale=max(1, int(raw["fatalities_scale"])),
            contested_statuses=frozenset(raw["contested_statuses"]),
            scan_limit=max(1, int(raw["scan_limit"])),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise DataPackError(f"{_FILE}: missing or invalid entry ({error}); reinstall sitroom") from None
