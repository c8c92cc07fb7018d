"""Places: provinces and districts of the gazetteer pack with event counts, and the province map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sitroom.api import places, schemas
from sitroom.api.deps import FiltersDep, GazetteerDep, RepositoryDep, ResourcesDep
from sitroom.errors import NotFoundError

router = APIRouter(prefix="/places", tags=["places"])


def _province_rows(repository: Any, gazetteer: Any, filters: Any) -> list[dict[str, Any]]:
    counts = repository.event_area_counts(filters.query(limit=None), districts=False)
    return places.province_rows(gazetteer, counts)


@router.get("/provinces", response_model=schemas.Page[schemas.ProvinceOut], summary="Provinces with event counts")
def list_provinces(repository: RepositoryDep, gazetteer: GazetteerDep, filters: FiltersDep) -> schemas.Page[schemas.ProvinceOut]:
    """Every province of the gazetteer pack with the number of matching events."""
    rows = _province_rows(repository, gazetteer, filters)
    return schemas.Page[schemas.ProvinceOut](items=[schemas.ProvinceOut(**row) for row in rows], total=len(rows))


@router.get("/provinces.geojson", summary="Province polygons with event counts (GeoJSON)",
            response_class=JSONResponse, responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
def provinces_geojson(
    repository: RepositoryDep, gazetteer: GazetteerDep, resources: ResourcesDep, filters: FiltersDep
) -> JSONResponse:
    """A FeatureCollection of province outlines (cached, rounded) with events and fatalities as properties."""
    outlines = resources.cache.get("province_outlines")
    if outlines is None:
        outlines = resources.cache["province_outlines"] = places.province_outlines(gazetteer)
    collection = places.province_map(outlines, _province_rows(repository, gazetteer, filters))  # type: ignore[arg-type]
    return JSONResponse(collection, media_type="application/geo+json")


@router.get("/provinces/{code}/districts", response_model=schemas.Page[schemas.DistrictOut],
            summary="Districts of one province with event counts",
            responses={404: {"description": "No such province"}})  # fmt: skip
def list_districts(
    code: str, repository: RepositoryDep, gazetteer: GazetteerDep, filters: FiltersDep
) -> schemas.Page[schemas.DistrictOut]:
    """The districts of one province (ISO code or name) with the number of matching events."""
    province = _find_province(gazetteer, code)
    query = filters.query(limit=None)
    from dataclasses import replace

    counts = repository.event_area_counts(replace(query, admin1=province.admin1_code), districts=True)
    rows = places.district_rows(gazetteer, province, counts)
    return schemas.Page[schemas.DistrictOut](items=[schemas.DistrictOut(**row) for row in rows], total=len(rows))


def _find_province(gazetteer: Any, code: str) -> Any:
    try:
        return gazetteer.province(code)
    except NotFoundError:
        for province in gazetteer.provinces():
            if province.name.casefold() == code.strip().casefold():
                return province
        raise
