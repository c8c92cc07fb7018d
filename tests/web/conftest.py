"""Fixtures of the dashboard tests: a demo database, the real app on a free port, Chromium.

Browser tests drive Debian's chromium (/usr/bin/chromium) through Python playwright; they
never download a browser. Without chromium they are skipped, except in CI (CI=true), where
a missing browser fails them: `make install-test` installs it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.servers import serve_app

# Debian's chromium wherever PATH finds it (SITROOM_CHROMIUM names another binary), never a fixed path.
CHROMIUM = Path(os.environ.get("SITROOM_CHROMIUM") or shutil.which("chromium") or "chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# The README's screenshots are refreshed only on request (SITROOM_UPDATE_SCREENSHOTS=1), so an
# ordinary test run leaves the work tree clean; otherwise they go to a temporary folder.
README_SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"
SCREENSHOTS = (
    README_SCREENSHOTS
    if os.environ.get("SITROOM_UPDATE_SCREENSHOTS") == "1"
    else Path(tempfile.gettempdir()) / "sitroom-screenshots"
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def build_demo_database(db_path: Path) -> Path:
    """Ingest the bundled demo corpus and the XSS probe documents into ``db_path``."""
    from sitroom.config import Settings
    from sitroom.ingest.demo import demo_corpus_files, demo_corpus_folder
    from sitroom.pipeline import Pipeline
    from sitroom.store import open_repository

    settings = Settings(db_path=db_path)
    files = demo_corpus_files() + [demo_corpus_folder() / "xss_probe.jsonl"]
    with open_repository(db_path) as repository:
        summary = Pipeline.from_config(settings).ingest(files, repository, command_line=["tests"])
    assert not summary.failed, summary.problems
    return db_path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    return build_demo_database(tmp_path_factory.mktemp("web") / "demo.db")


@pytest.fixture(scope="session")
def live_server(demo_db):
    """Run the real app (API + dashboard) with uvicorn on 127.0.0.1 in a background thread."""
    with serve_app(demo_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Chromium from Debian's package, driven by playwright; skipped only outside CI."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is missing (apt-get install chromium, or `make install-test`)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = problem or "python playwright is missing (pip install -e '.[test]')"
    if problem:
        if _in_ci():
            pytest.fail(f"browser tests must run in CI: {problem}")
        pytest.skip(problem)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page whose dialogs (alert, confirm, prompt) and script errors fail the test."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=live_server)
    page = context.new_page()
    page.dialogs = []
    page.errors = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()
    assert not page.dialogs, f"a dialog fired: {page.dialogs}"


def screenshot(page, name: str, height: int = 900) -> Path:
    """Save a screenshot of the top ``height`` pixels of the page as <name>.png (see SCREENSHOTS)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1360, "height": height})
    return path


def wait_ready(page, timeout: float = 20_000) -> None:
    """Wait until the page's script says it has drawn everything (body[data-ready=true])."""
    page.wait_for_selector("body[data-ready='true']", timeout=timeout)



def submit_login(page, name: str, password: str, path: str) -> None:
    """Fill and submit the login form on the page, then wait until ``path`` has drawn."""
    page.fill("#login-username", name)
    page.fill("#login-password", password)
    page.click("#login-submit")
    page.wait_for_url(f"**{path}")
    wait_ready(page)
