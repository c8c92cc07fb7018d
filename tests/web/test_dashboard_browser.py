"""The dashboard in real Chromium: load, filter by a province, open an event, stay inert to XSS."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.web.conftest import screenshot, wait_ready

pytestmark = pytest.mark.browser

# Find a point inside a province's outline where a click lands on the province itself
# (not on an event mark drawn over it), so the test clicks the map like a person would.
FIND_CLICKABLE_POINT = """(code) => {
  const path = document.querySelector(`path.province[data-code="${code}"]`);
  const box = path.getBoundingClientRect();
  for (let fy = 0.5; fy < 1; fy += 0.05) for (const sy of [1, -1]) for (let fx = 0.5; fx < 1; fx += 0.05) for (const sx of [1, -1]) {
    const x = box.left + box.width * (sx > 0 ? fx : 1 - fx), y = box.top + box.height * (sy > 0 ? fy : 1 - fy);
    if (document.elementFromPoint(x, y) === path) return [x, y];
  }
  return null;
}"""


def api(live_server: str, path: str) -> dict:
    with urllib.request.urlopen(f"{live_server}/api/v1{path}") as response:
        return json.load(response)


def listed_total(page) -> int:
    return int(page.get_attribute("#event-count", "data-total"))


def test_dashboard_loads_map_timeline_list_and_alerts(page, live_server):
    page.goto("/")
    wait_ready(page)
    assert page.locator("#leaflet-map path.province").count() == 34
    assert page.locator("#leaflet-map path.event-dot").count() > 0, "precise events are drawn as dots"
    assert page.locator("#leaflet-map path.event-halo").count() > 0, "district-level events are drawn as halos"
    assert page.locator("svg.timeline g.week rect").count() > 0
    total = api(live_server, "/events?limit=1")["total"]
    assert listed_total(page) == total
    assert page.locator("#event-table tbody tr").count() == min(total, 50)
    assert page.locator("#surge-list li").count() >= 1, "the demo corpus has surges"
    assert page.locator("#leaflet-map path.province.surge").count() >= 1
    assert not page.errors, page.errors
    screenshot(page, "overview", height=1180)


def test_halo_size_follows_location_precision(page):
    page.goto("/")
    wait_ready(page)
    dot = page.locator("path.event-dot").first.bounding_box()["width"]
    halo = page.locator("path.event-halo").first.bounding_box()["width"]
    assert halo > 3 * dot
    precisions = set(page.eval_on_selector_all("#leaflet-map path[data-precision]", "nodes => nodes.map(n => n.dataset.precision)"))
    assert precisions <= {"1", "2"}, "province-level events shade their province only"


def test_clicking_a_province_filters_every_view_and_the_url(page, live_server):
    page.goto("/")
    wait_ready(page)
    before = listed_total(page)
    point = page.evaluate(FIND_CLICKABLE_POINT, "AF-PAN")
    assert point, "no clickable point inside Panjshir"
    page.mouse.click(*point)
    page.wait_for_function("() => location.search.includes('admin1=AF-PAN') && document.body.dataset.ready === 'true'")
    after = listed_total(page)
    assert 0 < after < before
    assert after == api(live_server, "/events?limit=1&admin1=AF-PAN")["total"]
    rows = page.eval_on_selector_all("#event-table tbody tr", "rows => rows.map(r => r.dataset.admin1)")
    assert rows and set(rows) == {"AF-PAN"}
    assert page.locator("path.province.selected").get_attribute("data-code") == "AF-PAN"
    assert page.input_value("#filter-admin1") == "AF-PAN"
    screenshot(page, "overview-panjshir", height=1180)
    # The URL alone reproduces the view (a shared link).
    page.goto(page.url)
    wait_ready(page)
    assert listed_total(page) == after
    page.go_back()
    wait_ready(page)


def test_filter_bar_changes_the_url_and_the_list(page, live_server):
    page.goto("/")
    wait_ready(page)
    page.select_option("#filter-event_type", "Battles")
    page.wait_for_function("() => location.search.includes('event_type=Battles') && document.body.dataset.ready === 'true'")
    assert listed_total(page) == api(live_server, "/events?limit=1&event_type=Battles")["total"]


def test_event_page_highlights_the_evidence(page, live_server):
    page.goto("/?admin1=AF-PAN")
    wait_ready(page)
    link = page.locator("a.event-link").first
    event_id = link.evaluate("a => a.closest('tr').dataset.eventId")
    link.click()
    page.wait_for_url(f"**/events/{event_id}?admin1=AF-PAN")
    wait_ready(page)
    detail = api(live_server, f"/events/{event_id}")
    checked = 0
    for index, mention in enumerate(detail["mentions"]):
        card = page.locator("article.source").nth(index)
        assert card.get_attribute("data-doc-id") == mention["doc_id"]
        for field, span in mention["evidence"].items():
            if not span.get("quote"):
                continue
            pieces = card.locator("mark").evaluate_all(
                "(marks, field) => marks.filter(m => m.dataset.fields.split(' ').includes(field)).map(m => m.textContent)",
                field,
            )
            assert "".join(pieces) == span["quote"], field
            checked += 1
    assert checked >= 2
    assert page.locator("mark.evidence").count() >= 1
    stances = {m["stance"] for m in detail["mentions"]}
    for stance in stances:
        assert page.locator(f"article.source .badge-{stance}").count() >= 1
    assert not page.errors, page.errors
    screenshot(page, "event", height=1300)


def test_event_with_a_denial_shows_the_stance_badges(page, live_server):
    events = api(live_server, "/events?limit=500")["items"]
    denied = next(e for e in events if "denied" in e["stances"])
    page.goto(f"/events/{denied['event_id']}")
    wait_ready(page)
    assert page.locator("article.source .badge-denied").count() >= 1
    assert page.locator("table.ledger .badge-denied").count() >= 1


def test_actor_page_shows_activity_and_claims_vs_confirmed(page, live_server):
    actors = api(live_server, "/actors?limit=5")["items"]
    name = actors[0]["name"]
    page.goto("/")
    wait_ready(page)
    # the link whose whole text is the name ("Taliban", not "Anti-Taliban fighters (unnamed)")
    page.locator("td.actors a").filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")).first.click()
    wait_ready(page)
    assert page.text_content("#actor-name") == name
    assert page.locator("#actor-activity rect").count() >= 1
    assert page.locator("#claims-vs-confirmed tbody tr").count() >= 1
    assert listed_total(page) == actors[0]["events"]
    screenshot(page, "actor")


def test_new_since_lists_new_documents(page):
    page.goto("/new")
    wait_ready(page)
    assert "documents stored since" in page.text_content("#new-count")
    assert page.locator("li.new-doc").count() >= 10
    screenshot(page, "new-since")


def injected_elements(page) -> dict:
    """Count what an XSS payload would have created: scripts not ours, images, frames, handlers."""
    return page.evaluate("""() => ({
      foreignScripts: [...document.scripts].filter(s => !(s.src && new URL(s.src).pathname.startsWith('/static/js/'))).length,
      images: document.querySelectorAll('img, iframe, object, embed, svg image, style:not([data-ours])').length,
      svgsWithOnload: [...document.querySelectorAll('svg')].filter(s => s.hasAttribute('onload')).length,
      handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).length,
      bold: document.querySelectorAll('main b').length,
    })""")


def test_xss_corpus_stays_inert(page, live_server):
    documents = [api(live_server, f"/documents/xss-probe-00{n}") for n in (1, 2, 3)]
    event_ids = sorted({event_id for doc in documents for event_id in doc["event_ids"]})
    assert event_ids, "the XSS probe documents produce at least one event"
    visits = [f"/events/{event_id}" for event_id in event_ids] + ["/new", "/?q=Herat", "/?admin1=AF-HER"]
    actors = {a for doc in documents for m in doc["mentions"] for a in (m["actor1"], m["actor2"]) if a}
    visits += [f"/actors/{actor}" for actor in sorted(actors)]
    for path in visits:
        page.goto(path)
        wait_ready(page)
        page.wait_for_timeout(300)  # give any injected handler a chance to fire
        found = injected_elements(page)
        assert found == {"foreignScripts": 0, "images": 0, "svgsWithOnload": 0, "handlers": 0, "jsLinks": 0, "bold": 0}, (path, found)
        assert not page.dialogs, (path, page.dialogs)
    # The payloads are shown as text, exactly as the source wrote them.
    page.goto(f"/events/{event_ids[0]}")
    wait_ready(page)
    text = page.text_content("#sources")
    assert "<script>" in text and "onerror" in text
    assert page.locator("#sources a[href^='javascript']").count() == 0
    screenshot(page, "xss-inert")


def test_a_capped_free_text_total_reads_as_at_least(page):
    """A free-text total the store stopped counting (total_exact false) is shown as a lower bound
    in the event list's heading and in the overview's summary, never as the exact figure."""

    def capped(route):
        response = route.fetch()
        body = response.json()
        if "total" in body:
            body["total_exact"] = False
        route.fulfill(response=response, json=body)

    page.route("**/api/v1/events?*", capped)
    page.goto("/")
    wait_ready(page)
    total = listed_total(page)
    assert page.text_content("#event-count").startswith(f"at least {total} event")
    assert page.text_content("#summary-events") == f"{total}+"
    assert not page.errors, page.errors
