"""The dashboard map in real Chromium: the vendored Leaflet served by sitroom itself (every request
goes to the test server), zoom and pan, district boundaries, neighbouring countries, and labels
that never overlap (province names at low zoom, district names when zoomed in)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import screenshot, wait_ready

pytestmark = pytest.mark.browser

VENDOR = Path(__file__).resolve().parents[2] / "src" / "sitroom" / "web" / "static" / "vendor" / "leaflet"
NEIGHBOURS = {"Iran", "Turkmenistan", "Uzbekistan", "Tajikistan", "China", "Pakistan"}
VISIBLE_LABEL_BOXES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((label) => !label.classList.contains('label-hidden') && !label.classList.contains('label-off'))
  .map((label) => { const r = label.querySelector('.label-text').getBoundingClientRect();
                    return {text: label.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""
MAP_BOX = "() => { const r = document.getElementById('leaflet-map').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }"


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Return the pairs of label boxes that intersect."""
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def map_state(page) -> dict:
    return page.eval_on_selector("#map", "node => ({...node.dataset})")


def test_map_uses_the_vendored_leaflet_and_nothing_from_elsewhere(browser, live_server):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=live_server)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/")
    wait_ready(page)
    version = page.evaluate("() => import('/static/vendor/leaflet/leaflet-src.esm.js').then((leaflet) => leaflet.version)")
    context.close()
    assert version == (VENDOR / "VERSION").read_text().strip()
    assert f"{live_server}/static/vendor/leaflet/leaflet-src.esm.js" in requests
    assert f"{live_server}/static/vendor/leaflet/leaflet.css" in requests
    assert {f"{live_server}/api/v1/map/{name}.geojson" for name in ("districts", "neighbours", "province-labels")} <= set(requests)
    elsewhere = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not elsewhere, f"requests left the machine: {elsewhere}"


def test_map_shows_districts_neighbours_and_province_labels_that_do_not_overlap(page):
    page.goto("/")
    wait_ready(page)
    assert page.locator("#leaflet-map path.province").count() == 34
    assert page.locator("#leaflet-map path.district").count() == 399
    names = set(page.eval_on_selector_all("#leaflet-map path.neighbour", "paths => paths.map((p) => p.dataset.name)"))
    assert names == NEIGHBOURS
    provinces = page.evaluate(VISIBLE_LABEL_BOXES, ".province-label")
    assert len(provinces) >= 15, "most province names fit at the first zoom"
    assert not overlapping(provinces), overlapping(provinces)
    assert page.locator(".district-label:not(.label-off)").count() == 0, "district names wait for a closer zoom"
    left, top, width, height = page.evaluate(MAP_BOX)
    assert all(left <= box["left"] and box["right"] <= left + width and top <= box["top"] and box["bottom"] <= top + height
               for box in provinces), "every label shown lies inside the map"
    assert not page.errors, page.errors
    screenshot(page, "map", height=1000)


def test_map_zooms_and_pans_and_then_shows_district_names_without_collisions(page):
    page.goto("/")
    wait_ready(page)
    start = map_state(page)
    for _ in range(2):
        zoom = float(map_state(page)["zoom"])
        page.click(".leaflet-control-zoom-in")
        page.wait_for_function(f"() => Number(document.getElementById('leaflet-map').dataset.labelsZoom) > {zoom}")
    zoomed = map_state(page)
    assert float(zoomed["zoom"]) == float(start["zoom"]) + 2
    districts = page.evaluate(VISIBLE_LABEL_BOXES, ".district-label")
    assert len(districts) >= 20, "district names appear when zoomed in"
    every_label = page.evaluate(VISIBLE_LABEL_BOXES, ".map-label")
    assert not overlapping(every_label), overlapping(every_label)
    # Drag the map 200 px to the left: the centre moves east, the zoom stays.
    left, top, width, height = page.evaluate(MAP_BOX)
    page.mouse.move(left + width / 2, top + height / 2)
    page.mouse.down()
    page.mouse.move(left + width / 2 - 100, top + height / 2, steps=5)
    page.mouse.move(left + width / 2 - 200, top + height / 2, steps=5)
    page.mouse.up()
    page.wait_for_function(f"() => document.getElementById('map').dataset.centre !== '{zoomed['centre']}'")
    panned = map_state(page)
    assert float(panned["centre"].split(",")[1]) > float(zoomed["centre"].split(",")[1])
    assert panned["zoom"] == zoomed["zoom"]
    # The label pass runs in the same moveend handler that sets data-centre; between passes labels move together.
    assert not overlapping(page.evaluate(VISIBLE_LABEL_BOXES, ".map-label"))
    assert not page.errors, page.errors
    screenshot(page, "map-zoomed", height=1000)


def test_map_keeps_its_view_when_the_filters_change(page):
    page.goto("/")
    wait_ready(page)
    first = float(map_state(page)["zoom"])
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function(f"() => Number(document.getElementById('leaflet-map').dataset.labelsZoom) > {first}")
    zoom = map_state(page)["zoom"]
    page.select_option("#filter-event_type", "Battles")
    page.wait_for_function("() => location.search.includes('event_type=Battles') && document.body.dataset.ready === 'true'")
    assert map_state(page)["zoom"] == zoom
    assert page.locator("#leaflet-map path.province").count() == 34
