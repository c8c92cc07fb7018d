"""Exports of the filtered events: ACLED-compatible CSV, JSON Lines, GeoJSON (streamed)."""

from __future__ import annotations

import tempfile
from typing import Callable, Iterable, Iterator, TextIO

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from sitroom.api.deps import FiltersDep, RepositoryDep
from sitroom.api.params import SortParam
from sitroom.export import write_acled_csv, write_geojson, write_jsonl
from sitroom.models import Event

router = APIRouter(prefix="/exports", tags=["exports"])

SPOOL_BYTES = 8 * 1024 * 1024  # larger exports spill to a temporary file instead of memory
CHUNK_CHARS = 64 * 1024


def _spooled(events: Iterable[Event], writer: Callable[[Iterable[Event], TextIO], int]) -> Iterator[bytes]:
    """Write the export into a spooled temporary file, then yield it in UTF-8 chunks.

    The writers take a whole iterable and a text stream; spooling keeps memory bounded
    for large exports without running the writer in another thread.
    """
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline="") as spool:
        writer(events, spool)
        spool.seek(0)
        while chunk := spool.read(CHUNK_CHARS):
            yield chunk.encode("utf-8")


def _response(events: Iterable[Event], writer, media_type: str, filename: str) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return StreamingResponse(_spooled(events, writer), media_type=media_type, headers=headers)


@router.get("/events.csv", summary="Events as ACLED-compatible CSV", response_class=StreamingResponse,
            responses={200: {"content": {"text/csv": {}}}})  # fmt: skip
def export_csv(repository: RepositoryDep, filters: FiltersDep, sort: SortParam = "date_desc") -> StreamingResponse:
    """Every matching event as CSV with ACLED's columns (formula-like cells prefixed with ')."""
    events = repository.iter_events(filters.query(sort=sort, limit=None))
    writer = lambda rows, stream: write_acled_csv(rows, stream, getattr(repository, "event_origins", None))  # noqa: E731
    return _response(events, writer, "text/csv; charset=utf-8", "sitroom-events.csv")


@router.get("/events.jsonl", summary="Events as JSON Lines", response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}}})  # fmt: skip
def export_jsonl(repository: RepositoryDep, filters: FiltersDep, sort: SortParam = "date_desc") -> StreamingResponse:
    """Every matching event as one JSON object per line."""
    events = repository.iter_events(filters.query(sort=sort, limit=None))
    return _response(events, write_jsonl, "application/x-ndjson", "sitroom-events.jsonl")


@router.get("/events.geojson", summary="Events as GeoJSON points", response_class=StreamingResponse,
            responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
def export_geojson(repository: RepositoryDep, filters: FiltersDep, sort: SortParam = "date_desc") -> StreamingResponse:
    """Every matching event with coordinates as a GeoJSON FeatureCollection of points."""
    events = repository.iter_events(filters.query(sort=sort, limit=None))
    return _response(events, write_geojson, "application/geo+json", "sitroom-events.geojson")

