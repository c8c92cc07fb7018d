"""Review in real Chromium: log in, correct and accept, merge, split, history, log out; roles, CSRF, XSS."""

from __future__ import annotations

import shutil

import pytest

from tests.servers import serve_app
from tests.web.conftest import SCREENSHOTS, screenshot, submit_login, wait_ready
from tests.web.test_dashboard_browser import injected_elements

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def review_server(demo_db, tmp_path_factory):
    """The real app on a free local port over a copy of the demo store with one account per role."""

    from sitroom.auth import add_user
    from sitroom.store import open_repository

    path = tmp_path_factory.mktemp("review-web") / "review.db"
    shutil.copy(demo_db, path)
    with open_repository(path) as repository:
        for name, role in (("rita", "reviewer"), ("rob", "reviewer"), ("vic", "viewer")):
            add_user(repository, name, role, PASSWORD)
    with serve_app(path) as url:
        yield url


@pytest.fixture
def rpage(browser, review_server):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=review_server)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def log_in(page, name: str, path: str = "/review") -> None:
    page.goto(path)
    page.wait_for_url("**/login?next=*")
    wait_ready(page)
    submit_login(page, name, PASSWORD, path)


def api(page, path: str) -> dict:
    response = page.request.get(f"/api/v1{path}")
    assert response.ok, (path, response.status)
    return response.json()


def single_and_multi(page) -> tuple[str, str, str]:
    """Return a one-source suggested event, and two other one-source events (to merge)."""
    items = api(page, "/review/queue?limit=500&sort=priority")["items"]
    singles = [item["event_id"] for item in items if item["sources"] == 1]
    assert len(singles) >= 3
    return singles[0], singles[1], singles[2]


def test_review_correct_merge_split_history_logout(rpage):
    page = rpage
    log_in(page, "rita")
    assert page.text_content("#whoami") == "rita (reviewer)"
    assert page.locator("#queue-table tbody tr").count() > 0
    screenshot(page, "review-queue")
    target, first, second = single_and_multi(page)
    page.goto(f"/review/{target}")
    wait_ready(page)
    # The place from the gazetteer: the district of Andarab (Baghlan) fills province, district and precision.
    page.fill("#place-search", "Andrab")
    page.click("#find-place")
    page.click("button.place-choice:has-text('district, Baghlan')")
    assert page.input_value("#f-admin1_code") == "AF-BGL" and page.input_value("#f-geo_precision") == "2"
    for field, value in (("fatalities_low", "3"), ("fatalities_best", "7"), ("fatalities_high", "9")):
        page.fill(f"#f-{field}", value)
    page.fill("#why", "after the NGO report")
    screenshot(page, "review-event")
    page.locator("h1#event-title").click()  # leave the text box: shortcuts work outside inputs
    page.keyboard.press("a")  # accept, with the corrections, in one key
    page.wait_for_function(f"() => !location.pathname.endsWith({target!r}) || document.querySelector('#review-status .ok')")
    reviewed = api(page, f"/review/events/{target}")
    assert reviewed["review"]["status"] == "reviewed" and reviewed["review"]["reviewed_by"] == "rita"
    event = reviewed["event"]
    assert (event["admin2"], event["geo_precision"], event["fatalities_low"], event["fatalities_best"], event["fatalities_high"]) == ("Andarab", 2, 3, 7, 9)
    # The event page shows the history in words.
    page.goto(f"/events/{target}")
    wait_ready(page)
    history = page.text_content("#review-history")
    assert "fatalities revised" in history and "→ 7" in history and "after the NGO report" in history
    assert "district revised" in history and "Andarab" in history
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#review-panel").screenshot(path=str(SCREENSHOTS / "event-review-history.png"))
    # Merge two events, then split the merged-in source off again.
    moved = [m["mention_id"] for m in api(page, f"/events/{second}")["mentions"]]
    page.goto(f"/review/{first}")
    wait_ready(page)
    page.fill("#merge-id", second)
    page.fill("#why", "same checkpoint attack")
    page.click("#do-merge")
    page.wait_for_selector("#review-status .ok")
    merged = {m["mention_id"] for m in api(page, f"/events/{first}")["mentions"]}
    assert set(moved) <= merged and len(merged) == len(moved) + 1
    for mention_id in moved:
        page.check(f"input.split-pick[value='{mention_id}']")
    page.fill("#why", "the second report is an earlier raid")
    page.click("#do-split")
    page.wait_for_selector("#split-result")
    new_id = page.text_content("#split-result")
    assert {m["mention_id"] for m in api(page, f"/events/{new_id}")["mentions"]} == set(moved)
    actions = page.eval_on_selector_all("#review-history li", "items => items.map(i => i.dataset.action)")
    assert actions[-2:] == ["merge", "split"]
    page.click("#logout")
    page.wait_for_url("**/login")
    assert api(page, "/session")["user"] is None
    assert page.request.get("/api/v1/events?limit=1").status == 401
    assert not page.errors, page.errors


def test_viewer_cannot_write(rpage):
    page = rpage
    log_in(page, "vic")
    event_id = api(page, "/review/queue?limit=1")["items"][0]["event_id"]
    before = api(page, f"/review/events/{event_id}")["review"]
    page.goto(f"/review/{event_id}")
    wait_ready(page)
    assert page.locator("#read-only").count() == 1 and page.locator("#do-accept").count() == 0
    page.locator("h1#event-title").click()
    page.keyboard.press("a")
    status = page.evaluate("""async ([id, version]) => {
      const token = (await (await fetch('/api/v1/session')).json()).csrf_token;
      const response = await fetch(`/api/v1/review/events/${id}`, {method: 'POST', headers: {'Content-Type': 'application/json',
        'X-CSRF-Token': token}, body: JSON.stringify({action: 'correct', version, corrections: {fatalities_best: 99}})});
      return response.status;
    }""", [event_id, before["version"]])
    assert status == 403
    assert api(page, f"/review/events/{event_id}")["review"] == before


def test_forged_request_without_csrf_token_is_refused(rpage):
    page = rpage
    log_in(page, "rob")
    event_id = api(page, "/review/queue?limit=1")["items"][0]["event_id"]
    before = api(page, f"/review/events/{event_id}")["review"]
    # What a page on another site could send with the user's cookie: no token (and no way to read it).
    status = page.evaluate("""async ([id, version]) => (await fetch(`/api/v1/review/events/${id}`, {method: 'POST',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify({action: 'accept', version})})).status""",
                           [event_id, before["version"]])  # fmt: skip
    assert status == 403
    cookie_visible = page.evaluate("() => document.cookie.includes('sitroom_session')")
    assert not cookie_visible, "the session cookie is HttpOnly"
    assert api(page, f"/review/events/{event_id}")["review"] == before


def test_xss_in_a_source_stays_text_in_the_review_view(rpage):
    page = rpage
    log_in(page, "rita")
    documents = [api(page, f"/documents/xss-probe-00{n}") for n in (1, 2, 3)]
    event_ids = sorted({event_id for doc in documents for event_id in doc["event_ids"]})
    assert event_ids
    for event_id in event_ids:
        page.goto(f"/review/{event_id}")
        wait_ready(page)
        page.wait_for_timeout(300)
        found = injected_elements(page)
        assert found == {"foreignScripts": 0, "images": 0, "svgsWithOnload": 0, "handlers": 0, "jsLinks": 0, "bold": 0}, found
    page.goto(f"/review/{event_ids[0]}")
    wait_ready(page)
    assert "<script>" in page.text_content("#sources")
    screenshot(page, "review-xss-inert")


def test_a_reopened_event_shows_the_machine_values_beside_the_reviewed_ones(browser, demo_db, tmp_path):
    from sitroom.auth import add_user
    from sitroom.review.workflow import Reviewer, review_event
    from sitroom.store import open_repository
    from tests.review.conftest import reextract_with_more_killed, single_source_event

    path = tmp_path / "reopened.db"
    shutil.copy(demo_db, path)
    with open_repository(path) as repository:
        add_user(repository, "rob", "reviewer", PASSWORD)
        event_id = single_source_event(repository)
        review_event(repository, event_id, "accept", reviewer=Reviewer("rita", "reviewer"), version=0)
        reviewed = repository.get_event(event_id).fatalities_best
        machine = reextract_with_more_killed(repository, event_id)
    with serve_app(path) as url:
        context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=url)
        page = context.new_page()
        log_in(page, "rob", f"/review/{event_id}")
        wait_ready(page)
        row = page.locator("#machine-values tr[data-field='fatalities_best']")
        assert row.locator(".reviewed-value").text_content() == str(reviewed)
        assert row.locator(".machine-value").text_content() == str(machine)
        assert page.input_value("#f-fatalities_best") == str(reviewed), "the form holds the reviewed value"
        page.locator("h1#event-title").click()
        page.keyboard.press("m")  # accept the machine's values in one key
        page.wait_for_function("() => document.querySelector('#review-status .ok') || !document.querySelector('#machine-values')")
        review = api(page, f"/review/events/{event_id}")
        assert review["review"]["status"] == "reviewed" and review["review"]["review_pending"] is None
        assert review["event"]["fatalities_best"] == machine
        context.close()


def test_the_login_button_waits_for_the_page_script(rpage):
    """Until the script has the session's CSRF token and its submit handler, the form cannot be
    posted natively (which would lose the token and strand the user on an error page)."""
    held = []
    rpage.route("**/api/v1/session", lambda route: held.append(route), times=1)
    rpage.goto("/login?next=/review", wait_until="domcontentloaded")
    assert rpage.locator("#login-submit").is_disabled()
    for _ in range(200):
        if held:
            break
        rpage.wait_for_timeout(50)
    assert held, "the login page never asked for its session"
    assert rpage.locator("#login-submit").is_disabled()
    held[0].continue_()
    wait_ready(rpage)
    assert rpage.locator("#login-submit").is_enabled()
    submit_login(rpage, "rita", PASSWORD, "/review")
    assert rpage.url.endswith("/review")
    assert not rpage.errors, rpage.errors
