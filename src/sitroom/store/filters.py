"""Filters for listing canonical events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list; None means "any".

    The words mean what they mean in the API's ``EventQuery`` (the store runs the same SQL for
    both): start_date / end_date bound event_date inclusively; admin1 matches the province
    name or its ISO code, ignoring case; actor is the whole name of actor1, actor2 or an
    associated actor, ignoring case ("nrf" finds "NRF", not "NRF commander");
    actor_contains keeps events with an actor whose name contains it, ignoring case;
    event_type matches exactly, ignoring case. Results are ordered by event_date (newest
    first, undated last), then event_id.
    """

    start_date: dt.date | None = None
    end_date: dt.date | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    actor_contains: str | None = None
    limit: int | None = DEFAULT_LIMIT  # None: no limit (exports)
    offset: int = 0

    def __post_init__(self) -> None:
        if self.limit is not None and not 0 < self.limit <= MAX_LIMIT:
            raise ValueError(f"limit must be between 1 and {MAX_LIMIT}, got {self.limit}")
        if self.offset < 0:
            raise ValueError(f"offset must be 0 or more, got {self.offset}")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValueError(f"start_date {self.start_date} is after end_date {self.end_date}")
