"""Documents: the list (by source kind, publisher, date, free text) and one document with its mentions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from sitroom.api import convert, schemas
from sitroom.api.deps import RepositoryDep
from sitroom.api.errors import ParameterError
from sitroom.api.params import (
    CursorParam, LimitParam, WithTotalParam, decode_plain_cursor, encode_plain_cursor,
)  # fmt: skip
from sitroom.models import SourceKind
from sitroom.store.api_records import DocumentKey, DocumentQuery

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=schemas.Page[schemas.DocumentSummary], summary="List documents")
def list_documents(
    repository: RepositoryDep,
    source_kind: Annotated[str | None, Query(description="news, claim, official, ngo or social.")] = None,
    publisher: Annotated[str | None, Query(description="Publisher name.", max_length=300)] = None,
    start_date: Annotated[dt.date | None, Query(description="Earliest publication date.")] = None,
    end_date: Annotated[dt.date | None, Query(description="Latest publication date.")] = None,
    q: Annotated[str | None, Query(description="Free text over title and text.", max_length=500)] = None,
    limit: LimitParam = 50,
    cursor: CursorParam = None,
    with_total: WithTotalParam = True,
) -> schemas.Page[schemas.DocumentSummary]:
    """Documents, most recently stored first."""
    if start_date and end_date and start_date > end_date:
        raise ParameterError("start_date", f"{start_date} is after end_date {end_date}; swap them")
    if source_kind:
        try:
            source_kind = SourceKind.parse(source_kind).value
        except ValueError as error:
            raise ParameterError("source_kind", str(error)) from None
    if q is not None and not any(ch.isalnum() for ch in q):
        q = None
    parts = decode_plain_cursor(cursor, 2)
    after = DocumentKey(*parts) if parts else None
    query = DocumentQuery(source_kind=source_kind, publisher=publisher or None, start_date=start_date,
                          end_date=end_date, q=q, limit=limit, after=after)  # fmt: skip
    page = repository.query_documents(query, with_total=with_total)
    items = [
        convert.document_summary(doc, page.stored_at.get(doc.doc_id), page.mention_counts.get(doc.doc_id, 0))
        for doc in page.documents
    ]
    next_cursor = encode_plain_cursor([page.next_key.stored_at, page.next_key.doc_id]) if page.next_key else None
    return schemas.Page[schemas.DocumentSummary](items=items, next_cursor=next_cursor, total=page.total)


@router.get("/{doc_id:path}", response_model=schemas.DocumentDetail, summary="One document",
            responses={404: {"description": "No document with this id"}})  # fmt: skip
def get_document(doc_id: str, repository: RepositoryDep) -> schemas.DocumentDetail:
    """One document: its text and provenance, its mentions (with quoted evidence) and its events."""
    document = repository.get_document(doc_id)
    mentions = repository.document_mentions(doc_id)
    from sitroom.api.routers.evidence import preserved_copies

    return convert.document_detail(document, None, mentions, repository.document_event_ids(doc_id),
                                   preserved_copies(repository, doc_id))
