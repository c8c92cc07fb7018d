"""Actors: who appears in events, their activity over time and claimed-vs-confirmed figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from sitroom.api import schemas
from sitroom.api.deps import RepositoryDep, SettingsDep
from sitroom.api.params import IntervalParam, check_dates
from sitroom.errors import DataPackError, NotFoundError
from sitroom.store.api_records import ActorCount, EventQuery

router = APIRouter(prefix="/actors", tags=["actors"])


def _category(pack: str, name: str) -> str | None:
    """Return the actor dictionary's (latest) category for ``name``, or None if it is not there."""
    from sitroom.gazetteer.actors import load_actor_dictionary

    try:
        found = load_actor_dictionary(pack).lookup(name)
    except (DataPackError, NotFoundError):
        return None
    return found[0].category if found else None


def _summary_fields(count: ActorCount, pack: str) -> dict:
    return {
        "name": count.name, "events": count.events, "first_date": count.first_date, "last_date": count.last_date,
        "fatalities_best": count.fatalities_best, "category": _category(pack, count.name),
    }  # fmt: skip


@router.get("", response_model=schemas.Page[schemas.ActorSummary], summary="List actors")
def list_actors(
    repository: RepositoryDep,
    settings: SettingsDep,
    start_date: Annotated[dt.date | None, Query(description="Earliest event date.")] = None,
    end_date: Annotated[dt.date | None, Query(description="Latest event date.")] = None,
    admin1: Annotated[str | None, Query(description="Province name or ISO code.", max_length=200)] = None,
    q: Annotated[str | None, Query(description="Part of the actor's name.", max_length=300)] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many actors, 1 to 1000.")] = 100,
) -> schemas.Page[schemas.ActorSummary]:
    """Actors named in events (actor1, actor2 or associated), most events first."""
    check_dates(start_date, end_date)
    query = EventQuery(start_date=start_date, end_date=end_date, admin1=admin1 or None, limit=None)
    counts = repository.actor_counts(query, name_part=q or None, limit=limit)
    items = [schemas.ActorSummary(**_summary_fields(count, settings.country_pack)) for count in counts]
    return schemas.Page[schemas.ActorSummary](items=items, next_cursor=None, total=len(items))


@router.get("/{name:path}", response_model=schemas.ActorDetail, summary="One actor",
            responses={404: {"description": "No event names this actor"}})  # fmt: skip
def get_actor(
    name: str,
    repository: RepositoryDep,
    settings: SettingsDep,
    start_date: Annotated[dt.date | None, Query(description="Earliest event date.")] = None,
    end_date: Annotated[dt.date | None, Query(description="Latest event date.")] = None,
    interval: IntervalParam = "month",
) -> schemas.ActorDetail:
    """One actor: events per month or week, figures per source stance (claimed vs confirmed), counterparts."""
    check_dates(start_date, end_date)
    query = EventQuery(start_date=start_date, end_date=end_date, limit=None)
    profile = repository.actor_profile(name, query, interval)
    if profile is None:
        raise NotFoundError(f"no event names actor {name!r}")
    return schemas.ActorDetail(
        **_summary_fields(profile.summary, settings.country_pack),
        activity=[schemas.PeriodOut(period=p.period, events=p.events, fatalities_best=p.fatalities_best)
                  for p in profile.activity],
        claimed_vs_confirmed={
            stance: schemas.StanceOut(events=f.events, sources=f.sources, fatalities=f.fatalities,
                                      injured=f.injured, detained=f.detained)
            for stance, f in profile.by_stance.items()
        },
        counterparts=[schemas.Counterpart(name=n, events=c) for n, c in profile.counterparts],
    )  # fmt: skip
