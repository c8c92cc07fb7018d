"""Map base layers: district outlines, province label points, neighbouring countries (GeoJSON)."""

from __future__ import annotations

from typing import Any, Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from sitroom.api import map_layers
from sitroom.api.deps import GazetteerDep, ResourcesDep, SettingsDep

router = APIRouter(prefix="/map", tags=["places"])
GEOJSON = {200: {"content": {"application/geo+json": {}}}}


def _cached(resources: Any, key: str, build: Callable[[], dict[str, Any]]) -> JSONResponse:
    """Build a layer once per app (the gazetteer does not change while it runs) and send it."""
    layer = resources.cache.get(key)
    if layer is None:
        layer = resources.cache[key] = build()
    return JSONResponse(layer, media_type="application/geo+json")


@router.get("/districts.geojson", summary="District outlines with label points (GeoJSON)",
            response_class=JSONResponse, responses=GEOJSON)  # fmt: skip
def districts_geojson(gazetteer: GazetteerDep, resources: ResourcesDep) -> JSONResponse:
    """Every district of the gazetteer pack: outline, name, province code and a label point."""
    return _cached(resources, "map_districts", lambda: map_layers.district_layer(gazetteer))


@router.get("/province-labels.geojson", summary="Province label points (GeoJSON)",
            response_class=JSONResponse, responses=GEOJSON)  # fmt: skip
def province_labels_geojson(gazetteer: GazetteerDep, resources: ResourcesDep) -> JSONResponse:
    """One point well inside each province, where the map puts its name."""
    return _cached(resources, "map_province_labels", lambda: map_layers.province_label_layer(gazetteer))


@router.get("/neighbours.geojson", summary="Neighbouring countries for context (GeoJSON)",
            response_class=JSONResponse, responses=GEOJSON)  # fmt: skip
def neighbours_geojson(settings: SettingsDep, gazetteer: GazetteerDep, resources: ResourcesDep) -> JSONResponse:
    """The pack's neighbouring countries, clipped around it (Natural Earth), with the attribution."""
    from sitroom.gazetteer.neighbours import load_neighbours

    return _cached(resources, "map_neighbours", lambda: map_layers.neighbour_layer(load_neighbours(settings.country_pack), gazetteer))
