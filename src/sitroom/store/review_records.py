"""Typed records of the team store: accounts, login attempts, review states, versions, corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ROLES = ("admin", "reviewer", "analyst", "viewer")
REVIEW_STATUSES = ("suggested", "reviewed", "finalised", "rejected", "sent_back")
# The event fields a reviewer may correct, named as the events table's columns.
REVIEW_FIELDS = (
    "event_type", "sub_event_type", "event_date", "time_precision", "country", "admin1", "admin1_code",
    "admin2", "location", "latitude", "longitude", "geo_precision", "actor1", "actor2", "assoc_actors",
    "fatalities_low", "fatalities_best", "fatalities_high", "claim_stance", "claim_by", "tags",
)  # fmt: skip
JSON_LIST_FIELDS = ("assoc_actors", "tags")
# The field groups the review queue scores a confidence for (columns confidence_<group> of review_scores).
CONFIDENCE_GROUPS = ("event_type", "date", "place", "actors", "fatalities", "stance")
# Orders the stored queue can be read in (each has an index, migration 0021).
SCORE_ORDERS = ("priority", "confidence", "fatalities", *(f"confidence.{group}" for group in CONFIDENCE_GROUPS))


@dataclass(frozen=True, slots=True)
class Account:
    """One account: its name, role, and whether it may log in. ``password_hash`` is argon2's encoding."""

    id: int
    username: str
    role: str
    password_hash: str
    disabled: bool
    auth_version: int
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ReviewState:
    """An event's review status and version (version 0, 'suggested': never reviewed)."""

    event_id: str
    status: str = "suggested"
    version: int = 0
    members: tuple[str, ...] = ()
    reviewed_fields: dict[str, Any] | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    finalised_by: str | None = None
    finalised_at: str | None = None
    comment: str | None = None
    updated_by: str | None = None
    updated_at: str | None = None
    review_pending: dict[str, Any] | None = None  # the machine's values waiting beside the reviewed ones
    machine_seen: dict[str, Any] | None = None  # machine values a reviewer kept the reviewed ones over


@dataclass(frozen=True, slots=True)
class EventVersion:
    """One change of an event's review record: who, when, what, why, before and after."""

    id: int
    event_id: str
    version: int
    at: dt.datetime
    who: str
    action: str
    why: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class FieldCorrection:
    """An analyst's value for one field of one event, re-applied after every resolution."""

    correction_id: str
    event_id: str
    field: str
    value: Any
    who: str
    why: str
    decided_at: str
    anchor_mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """One change to a review, made on ``expected_version`` (optimistic versioning).

    ``state`` holds the new status and fields; ``before`` / ``after`` what the version row records;
    ``corrections`` are stored with it (each replaces the earlier correction of its field).
    """

    expected_version: int
    state: ReviewState
    action: str
    who: str
    why: str | None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    corrections: tuple[FieldCorrection, ...] = field(default_factory=tuple)
    event_values: dict[str, Any] = field(default_factory=dict)  # events-table columns written with it


@dataclass(frozen=True, slots=True)
class ReviewHold:
    """A reviewed event's accepted values, held against the machine's after each resolution.

    ``fields`` are the values as accepted, ``seen`` the machine values a reviewer already kept
    them over, ``members`` the event's mention ids (to find it when resolution renames it).
    """

    event_id: str
    fields: dict[str, Any]
    seen: dict[str, Any]
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReviewScore:
    """One event's queue score as the review stage computed it (stored in review_scores)."""

    event_id: str
    priority: float
    overall: float
    confidences: dict[str, float]  # CONFIDENCE_GROUPS -> score in [0, 1]
    reasons: dict[str, str]
    new_actors: tuple[str, ...] = ()
    fatalities: int = 0
    source_count: int = 0


@dataclass(frozen=True, slots=True)
class ReviewEventRow:
    """An event as the review queue reads it: its row, its review and its sources' mentions."""

    event: dict[str, Any]
    review: ReviewState
    mentions: list[dict[str, Any]]
