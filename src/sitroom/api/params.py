"""Query parameters shared by several routes: event filters, pagination and the opaque cursor."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import Query

from sitroom.api.errors import ParameterError
from sitroom.models import SourceKind
from sitroom.store.api_records import EventKey, EventQuery

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
CURSOR_VERSION = 1
_WORD = re.compile(r"\w", re.UNICODE)

Sort = Literal["date_desc", "date_asc"]
Interval = Literal["month", "week"]
ReviewStatus = Literal["suggested", "reviewed", "finalised", "rejected", "sent_back"]


def check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise ParameterError("start_date", f"{start} is after end_date {end}; swap them")


def _check_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > 500:
        raise ParameterError(name, "is longer than 500 characters")
    return value


class EventFilterParams:
    """The event filters as query parameters (one dependency, reused by events, stats and exports)."""

    def __init__(
        self,
        start_date: Annotated[dt.date | None, Query(description="Earliest event date, YYYY-MM-DD (inclusive).")] = None,
        end_date: Annotated[dt.date | None, Query(description="Latest event date, YYYY-MM-DD (inclusive).")] = None,
        admin1: Annotated[str | None, Query(description="Province name or ISO code (AF-PAN).", max_length=200)] = None,
        admin2: Annotated[str | None, Query(description="District name.", max_length=200)] = None,
        actor: Annotated[str | None, Query(description="An actor's whole name, any case (actor1, actor2 or associated).", max_length=300)] = None,
        actor_contains: Annotated[str | None, Query(description="Part of an actor's name, any case.", max_length=300)] = None,
        event_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles.", max_length=200)] = None,
        tag: Annotated[str | None, Query(description="One of the event's tags.", max_length=200)] = None,
        status: Annotated[str | None, Query(description="Event status: reported, claimed, contested, ...", max_length=100)] = None,
        source_kind: Annotated[str | None, Query(description="news, claim, official, ngo or social.")] = None,
        q: Annotated[str | None, Query(description="Free text (words ANDed, \"phrases\", prefix*).")] = None,
        review_status: Annotated[ReviewStatus | None, Query(description="Review status, e.g. finalised (docs/review.md).")] = None,
    ) -> None:
        check_dates(start_date, end_date)
        if source_kind:
            try:
                source_kind = SourceKind.parse(source_kind).value
            except ValueError as error:
                raise ParameterError("source_kind", str(error)) from None
        q = _check_text("q", q)
        if q is not None and not _WORD.search(q):
            raise ParameterError("q", f"{q!r} holds no word to search for")
        self.values = {
            "start_date": start_date, "end_date": end_date, "admin1": admin1 or None, "admin2": admin2 or None,
            "actor": actor or None, "actor_contains": actor_contains or None, "event_type": event_type or None,
            "tag": tag or None, "status": status or None, "source_kind": source_kind or None, "q": q,
            "review_status": review_status or None,
        }  # fmt: skip

    def query(self, sort: str = "date_desc", limit: int | None = DEFAULT_LIMIT, after: EventKey | None = None) -> EventQuery:
        """Return the store query for these filters."""
        return EventQuery(**self.values, sort=sort, limit=limit, after=after)


def filters_fingerprint(query: EventQuery) -> str:
    """Return a short hash of a query's filters and sort (a cursor is only valid for them)."""
    values = asdict(query)
    values.pop("limit")
    values.pop("after")
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def encode_cursor(key: EventKey, query: EventQuery) -> str:
    """Return the opaque cursor for the page after ``key``."""
    payload = {"v": CURSOR_VERSION, "d": key.sort_date, "i": key.event_id, "f": filters_fingerprint(query)}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, query: EventQuery) -> EventKey | None:
    """Return the key an opaque cursor holds; ParameterError('cursor') if it is malformed or stale."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        key = EventKey(str(payload["d"]), str(payload["i"]))
        version, fingerprint = payload["v"], payload["f"]
    except (ValueError, KeyError, TypeError):
        raise ParameterError("cursor", "is not a cursor this API made; pass next_cursor back unchanged") from None
    if version != CURSOR_VERSION or fingerprint != filters_fingerprint(query):
        raise ParameterError("cursor", "was made for other filters or another sort; start again without cursor")
    return key


def encode_plain_cursor(parts: list[str]) -> str:
    """Return an opaque cursor over a list of strings (documents' pages)."""
    raw = json.dumps({"v": CURSOR_VERSION, "k": parts}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_plain_cursor(cursor: str | None, size: int) -> list[str] | None:
    """Return the strings of an opaque cursor with ``size`` parts; ParameterError('cursor') if malformed."""
    if not cursor:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        parts = [str(part) for part in payload["k"]]
        if payload["v"] != CURSOR_VERSION or len(parts) != size:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ParameterError("cursor", "is not a cursor this API made; pass next_cursor back unchanged") from None
    return parts


LimitParam = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, 1 to {MAX_LIMIT}.")]
CursorParam = Annotated[str | None, Query(description="next_cursor of the previous page.", max_length=2000)]
SortParam = Annotated[Sort, Query(description="date_desc (newest first) or date_asc.")]
WithTotalParam = Annotated[bool, Query(description="Also count all matches.")]
IntervalParam = Annotated[Interval, Query(description="month or week (periods start on Monday).")]
