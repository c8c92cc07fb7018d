"""The event page links every source to the copy sitroom preserved, and the link downloads those bytes."""

from __future__ import annotations

import hashlib
import urllib.request

import pytest

from tests.web.conftest import screenshot, wait_ready
from tests.web.test_dashboard_browser import api

pytestmark = pytest.mark.browser


def test_event_page_links_the_preserved_copy(page, live_server):
    page.goto("/?admin1=AF-PAN")
    wait_ready(page)
    event_id = page.locator("a.event-link").first.evaluate("a => a.closest('tr').dataset.eventId")
    page.goto(f"/events/{event_id}")
    wait_ready(page)
    detail = api(live_server, f"/events/{event_id}")
    cards = page.locator("article.source")
    assert cards.count() == len(detail["mentions"]) >= 1
    for index, mention in enumerate(detail["mentions"]):
        [copy, *_] = api(live_server, f"/documents/{mention['doc_id']}")["preserved"]
        link = cards.nth(index).locator("a.preserved-copy")
        assert link.get_attribute("href") == copy["copy_url"]
        assert copy["sha256"] in link.get_attribute("title")
        with urllib.request.urlopen(live_server + copy["copy_url"]) as response:
            assert hashlib.sha256(response.read()).hexdigest() == copy["sha256"]
    assert not page.errors, page.errors
    screenshot(page, "event-preserved", height=900)
