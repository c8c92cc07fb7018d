"""Events: the filtered, paginated list and one event with its evidence, ledger and history."""

from __future__ import annotations

from fastapi import APIRouter

from sitroom.api import convert, schemas
from sitroom.api.deps import FiltersDep, RepositoryDep
from sitroom.api.params import CursorParam, LimitParam, SortParam, WithTotalParam, decode_cursor, encode_cursor
from sitroom.errors import NotFoundError

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=schemas.Page[schemas.EventSummary], summary="List events")
def list_events(
    repository: RepositoryDep,
    filters: FiltersDep,
    sort: SortParam = "date_desc",
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    with_total: WithTotalParam = True,
) -> schemas.Page[schemas.EventSummary]:
    """Events matching the filters, newest first (or oldest with sort=date_asc), one page at a time."""
    query = filters.query(sort=sort, limit=limit)
    query = filters.query(sort=sort, limit=limit, after=decode_cursor(cursor, query))
    page = repository.query_events(query, with_total=with_total)
    next_cursor = encode_cursor(page.next_key, query) if page.next_key else None
    items = [convert.event_summary(event) for event in page.events]
    return schemas.Page[schemas.EventSummary](items=items, next_cursor=next_cursor, total=page.total,
                                             total_exact=page.total_exact)


@router.get("/{event_id}", response_model=schemas.EventDetail, summary="One event",
            responses={404: {"description": "No event with this id"}})  # fmt: skip
def get_event(event_id: str, repository: RepositoryDep) -> schemas.EventDetail:
    """One event: coded fields, mentions with quoted evidence spans, claims ledger and change history."""
    event = repository.get_event(event_id)
    mentions = repository.event_mentions(event_id)
    history = repository.audit_entries("event", event_id)
    lead_text, lead_pages = None, None
    if event.coded.doc_id:
        try:
            lead = repository.get_document(event.coded.doc_id)
            lead_text, lead_pages = lead.text, lead.page_starts
        except NotFoundError:
            lead_text = None
    return convert.event_detail(event, mentions, history, lead_text, lead_pages)
