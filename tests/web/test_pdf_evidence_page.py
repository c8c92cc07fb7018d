"""A PDF's event in real Chromium: the page (and printed page number) of the evidence, and its preserved copy."""

from __future__ import annotations

import urllib.request

import pytest

from sitroom.config import Settings
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from sitroom.store.filters import EventFilter
from tests.collect import builders
from tests.web.conftest import wait_ready
from tests.servers import serve_app

pytestmark = pytest.mark.browser


@pytest.fixture
def pdf_server(tmp_path):
    """The real app on a free port over a store holding one ingested, preserved PDF report."""


    pdf = builders.labelled_pdf([builders.PAGE_ONE, builders.PAGE_TWO, builders.PAGE_THREE])
    (tmp_path / "report.pdf").write_bytes(pdf)
    settings = Settings(db_path=tmp_path / "pdf.db")
    with open_repository(settings.db_path) as repository:
        Pipeline.from_config(settings).ingest([tmp_path / "report.pdf"], repository)
        [event, *_] = repository.list_events(EventFilter(limit=10))
    with serve_app(settings.db_path) as url:
        yield url, event.event_id, pdf


def test_pdf_evidence_names_its_page_and_links_the_pdf(browser, pdf_server):
    base, event_id, pdf = pdf_server
    context = browser.new_context(base_url=base)
    try:
        page = context.new_page()
        page.goto(f"/events/{event_id}")
        wait_ready(page)
        assert "page 2 (printed 1)" in page.locator("article.source .legend-note").first.text_content()
        href = page.locator("article.source a.preserved-copy").first.get_attribute("href")
        with urllib.request.urlopen(base + href) as response:
            assert response.read() == pdf
    finally:
        context.close()
