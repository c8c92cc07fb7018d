"""Actor profiles from reports, in real Chromium: the statements the demo corpus makes about a
group are listed beside its activity with their documents and marked values; an analyst accepts
one and it joins the profile, sourced by its document."""

from __future__ import annotations

import shutil

import pytest

from tests.servers import serve_app
from tests.web.conftest import screenshot, submit_login

pytestmark = pytest.mark.browser
PASSWORD = "a long analyst password"


@pytest.fixture(scope="module")
def profile_server(demo_db, tmp_path_factory):
    """The app over a copy of the demo store whose profile statements were extracted, with one analyst."""
    from sitroom.analyze.profile_facts import extract_profile_facts
    from sitroom.auth import add_user
    from sitroom.store import open_repository

    path = tmp_path_factory.mktemp("profile-web") / "profiles.db"
    shutil.copy(demo_db, path)
    with open_repository(path) as repository:
        extract_profile_facts(repository)
        add_user(repository, "ana", "analyst", PASSWORD)
        add_user(repository, "vic", "viewer", PASSWORD)
    with serve_app(path) as url:
        yield url


def logged_in(browser, base_url: str, name: str, path: str):
    """Return a browser context and page logged in as ``name`` on ``path``, and the page's script errors."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=base_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"/login?next={path}")
    submit_login(page, name, PASSWORD, path)
    return context, page, errors


def test_analyst_accepts_a_strength_estimate_into_the_profile(browser, profile_server):
    context, page, errors = logged_in(browser, profile_server, "ana", "/actors/National%20Resistance%20Front")
    page.wait_for_selector("#suggestions-panel li.suggestion button.accept")
    rows = page.locator("#suggestions-panel li.suggestion")
    assert sorted(rows.evaluate_all("rows => rows.map((r) => r.dataset.kind)")) == ["alliance", "base", "leader", "leader", "strength"]
    strength = page.locator("#suggestions-panel li.suggestion[data-kind='strength']")
    assert strength.locator("mark").all_text_contents() == ["2,500", "4,000", "fighters"]
    assert "Northern Provinces Monitor" in strength.text_content() and "2024-05-02" in strength.text_content()
    # The panels sit right after the activity chart.
    assert page.evaluate("() => document.getElementById('actor-activity').closest('section').nextElementSibling.id") == "actor-profile"
    strength.locator("button.accept").click()
    page.wait_for_function("() => !document.querySelector(\"#suggestions-panel li[data-kind='strength']\")")
    profile = page.text_content("#profile-panel")
    assert "2,500 – 4,000 (as of 2024-05-02)" in profile and "unverified" in profile
    assert "National Resistance Front at between 2,500 and 4,000 fighters" in profile
    assert page.locator("#suggestions-panel li.suggestion").count() == 4
    assert not errors, errors
    screenshot(page, "actor-profile-suggestions", height=1700)
    context.close()


def test_a_viewer_sees_the_suggestions_but_cannot_decide_them(browser, profile_server):
    context, page, errors = logged_in(browser, profile_server, "vic", "/actors/Afghanistan%20Freedom%20Front")
    page.wait_for_selector("#suggestions-panel li.suggestion")
    kinds = page.locator("#suggestions-panel li.suggestion").evaluate_all("rows => rows.map((r) => r.dataset.kind)")
    assert kinds == ["alliance", "base"]
    assert "since 2023" in page.text_content("#suggestions-panel") and "Kapisa (inside the country)" in page.text_content("#suggestions-panel")
    assert page.locator("#suggestions-panel button").count() == 0
    assert "an analyst accepts them" in page.text_content("#suggestions-panel")
    assert not errors, errors
    context.close()


def test_analyst_adds_a_statement_the_patterns_missed(browser, profile_server, demo_db):
    from sitroom.store import open_repository

    with open_repository(demo_db) as repository:
        claim = next(d for d in repository.documents_after(None, 1000) if (d.source_path or "").endswith("claim_aff_2023-10-22_tagab.txt"))
    words = "units of the Afghanistan Freedom Front attacked a Taliban outpost in Tagab district of Kapisa province"
    assert claim.text.count(words) == 1
    context, page, errors = logged_in(browser, profile_server, "ana", "/actors/Afghanistan%20Freedom%20Front")
    page.wait_for_selector("#statement-form", state="attached")
    page.click("details.add-statement summary")
    page.select_option("#statement-form select[name=kind]", "base")
    page.fill("#statement-form input[name=value-place]", "Tagab")
    page.fill("#statement-form input[name=doc_id]", claim.doc_id)
    page.fill("#statement-form input[name=quote]", "<img src=x onerror=alert(1)> not in the document")
    page.click("#statement-form button[type=submit]")
    page.wait_for_selector("#statement-form .form-status.error")
    message = page.text_content("#statement-form .form-status")
    assert "quote: these words are not in document" in message and page.locator("#statement-form img").count() == 0
    page.fill("#statement-form input[name=quote]", words)
    page.fill("#statement-form input[name=why]", "the group's own claim places its units there")
    page.click("#statement-form button[type=submit]")
    page.wait_for_function("() => (document.getElementById('profile-panel') || {}).textContent?.includes('Tagab district of Kapisa')")
    profile = page.text_content("#profile-panel")
    assert "Tagab" in profile and words in profile
    assert not errors, errors
    context.close()
