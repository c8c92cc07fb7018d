"""The API's read methods of the repository: an interface (Protocol) and its SQL mixin.

``SqlRepository`` (both backends) inherits ``SqlApiReads``; it supplies ``_read()`` (a per-thread
reader connection inside one read transaction). Callers type against ``ApiReadRepository``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Callable, Iterator, Protocol, runtime_checkable

from sitroom.models import Event
from sitroom.store import api_queries
from sitroom.store.dialect import Database
from sitroom.store.api_records import (
    ActorCount, ActorProfile, AreaCount, DocumentPage, DocumentQuery, EventPage, EventQuery, MentionView,
    PeriodCount, StoreSummary,
)  # fmt: skip
from sitroom.store.repository import Repository

EXPORT_BATCH = 1000


@runtime_checkable
class ApiReadRepository(Repository, Protocol):
    """A Repository that also answers the JSON API's reads."""

    def query_events(self, query: EventQuery, with_total: bool = False) -> EventPage:
        """Return one page of events matching ``query`` (keyset pagination) and optionally the total."""
        ...

    def iter_events(self, query: EventQuery) -> Iterator[Event]:
        """Yield every event matching ``query`` in its sort order, reading in batches (exports)."""
        ...

    def count_events(self, query: EventQuery) -> int:
        """Return how many events match ``query``'s filters."""
        ...

    def event_timeseries(self, query: EventQuery, interval: str) -> list[PeriodCount]:
        """Return events and fatalities per month ("YYYY-MM") or week (its Monday), ascending."""
        ...

    def event_area_counts(self, query: EventQuery, districts: bool = False) -> list[AreaCount]:
        """Return events and fatalities per province, or per district, most events first."""
        ...

    def store_summary(self) -> StoreSummary:
        """Return totals, events per type and status, documents per source kind."""
        ...

    def actor_counts(self, query: EventQuery, name_part: str | None = None, limit: int = 100) -> list[ActorCount]:
        """Return actors of the events matching ``query``, most events first."""
        ...

    def actor_profile(self, name: str, query: EventQuery, interval: str = "month") -> ActorProfile | None:
        """Return one actor's activity and claimed-vs-confirmed figures, or None if no event names it."""
        ...

    def event_mentions(self, event_id: str) -> list[MentionView]:
        """Return the mentions supporting one event, lead first, with their documents."""
        ...

    def document_mentions(self, doc_id: str) -> list[MentionView]:
        """Return one document's mentions with the events they support."""
        ...

    def document_event_ids(self, doc_id: str) -> list[str]:
        """Return the ids of the events one document supports."""
        ...

    def query_documents(self, query: DocumentQuery, with_total: bool = False) -> DocumentPage:
        """Return one page of documents, newest stored first."""
        ...


class SqlApiReads:
    """Mixin implementing ApiReadRepository over SQL (needs ``self._read``), for both backends."""

    _read: Callable[[], AbstractContextManager[Database]]

    def query_events(self, query: EventQuery, with_total: bool = False) -> EventPage:
        with self._read() as connection:
            return api_queries.query_events(connection, query, with_total)

    def iter_events(self, query: EventQuery) -> Iterator[Event]:
        page_query = replace(query, limit=EXPORT_BATCH, after=query.after)
        while True:
            page = self.query_events(page_query)
            yield from page.events
            if page.next_key is None:
                return
            page_query = replace(page_query, after=page.next_key)

    def count_events(self, query: EventQuery) -> int:
        with self._read() as connection:
            return api_queries.count_events(connection, query)

    def event_timeseries(self, query: EventQuery, interval: str) -> list[PeriodCount]:
        if interval not in ("month", "week"):
            raise ValueError(f"interval must be month or week, got {interval!r}")
        with self._read() as connection:
            days = api_queries.daily_counts(connection, query)
        return api_queries.fold_periods(days, interval)

    def event_area_counts(self, query: EventQuery, districts: bool = False) -> list[AreaCount]:
        with self._read() as connection:
            return api_queries.area_counts(connection, query, districts)

    def store_summary(self) -> StoreSummary:
        with self._read() as connection:
            return api_queries.summary(connection)

    def actor_counts(self, query: EventQuery, name_part: str | None = None, limit: int = 100) -> list[ActorCount]:
        with self._read() as connection:
            return api_queries.actor_counts(connection, query, name_part, limit)

    def actor_profile(self, name: str, query: EventQuery, interval: str = "month") -> ActorProfile | None:
        with self._read() as connection:
            return api_queries.actor_profile(connection, name, query, interval)

    def event_mentions(self, event_id: str) -> list[MentionView]:
        with self._read() as connection:
            return api_queries.event_mentions(connection, event_id)

    def document_mentions(self, doc_id: str) -> list[MentionView]:
        with self._read() as connection:
            return api_queries.document_mentions(connection, doc_id)

    def document_event_ids(self, doc_id: str) -> list[str]:
        with self._read() as connection:
            return api_queries.document_event_ids(connection, doc_id)

    def query_documents(self, query: DocumentQuery, with_total: bool = False) -> DocumentPage:
        with self._read() as connection:
            return api_queries.query_documents(connection, query, with_total)


SqliteApiReads = SqlApiReads  # the name before the PostgreSQL backend
