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


@dataclass(frozen=True, slots=True)
class ReviewEventRow:
    """An event as the review queue reads it: its row, its review and its sources' mentions."""

    event: dict[str, Any]
    review: ReviewState
    mentions: list[dict[str, Any]]
