"""Statistics: headline counts, time series by week or month, counts by province and district."""

from __future__ import annotations

from fastapi import APIRouter

from sitroom.api import places, schemas
from sitroom.api.deps import FiltersDep, GazetteerDep, RepositoryDep
from sitroom.api.params import IntervalParam

router = APIRouter(prefix="/stats", tags=["statistics"])


@router.get("/summary", response_model=schemas.SummaryOut, summary="Headline counts")
def summary(repository: RepositoryDep) -> schemas.SummaryOut:
    """Whole-store totals of events, documents and mentions; events per type and status; documents per
    source kind. Takes no filters (the dashboard compares filtered totals with these)."""
    found = repository.store_summary()
    return schemas.SummaryOut(
        events=found.events, documents=found.documents, mentions=found.mentions, by_event_type=found.by_event_type,
        by_status=found.by_status, by_source_kind=found.by_source_kind,
    )  # fmt: skip


@router.get("/timeseries", response_model=schemas.Page[schemas.PeriodOut], summary="Events per month or week")
def timeseries(repository: RepositoryDep, filters: FiltersDep, interval: IntervalParam = "month") -> schemas.Page[schemas.PeriodOut]:
    """Matching events and best-estimate fatalities per period, ascending; undated events are left out."""
    periods = repository.event_timeseries(filters.query(limit=None), interval)
    items = [schemas.PeriodOut(period=p.period, events=p.events, fatalities_best=p.fatalities_best) for p in periods]
    return schemas.Page[schemas.PeriodOut](items=items, total=len(items))


@router.get("/by-province", response_model=schemas.Page[schemas.ProvinceCount], summary="Events per province")
def by_province(repository: RepositoryDep, gazetteer: GazetteerDep, filters: FiltersDep) -> schemas.Page[schemas.ProvinceCount]:
    """Matching events per province (provinces with none left out), most first."""
    counts = repository.event_area_counts(filters.query(limit=None), districts=False)
    rows = [row for row in places.province_rows(gazetteer, counts) if row["events"]]
    rows.sort(key=lambda row: (-row["events"], row["name"]))
    items = [schemas.ProvinceCount(code=r["code"], name=r["name"], events=r["events"],
                                   fatalities_best=r["fatalities_best"]) for r in rows]  # fmt: skip
    return schemas.Page[schemas.ProvinceCount](items=items, total=len(items))


@router.get("/by-district", response_model=schemas.Page[schemas.DistrictCount], summary="Events per district")
def by_district(repository: RepositoryDep, filters: FiltersDep) -> schemas.Page[schemas.DistrictCount]:
    """Matching events per district (narrow with admin1), most first; events without a district are 'unknown'."""
    counts = repository.event_area_counts(filters.query(limit=None), districts=True)
    items = [
        schemas.DistrictCount(admin1=c.admin1, admin1_code=c.admin1_code, name=c.admin2 or "unknown",
                              events=c.events, fatalities_best=c.fatalities_best)
        for c in counts
    ]  # fmt: skip
    return schemas.Page[schemas.DistrictCount](items=items, total=len(items))
