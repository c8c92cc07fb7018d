"""Datasette opens a sitroom database as promised: search finds text, reference tables are filled,
facets and labels come from `sitroom datasette-metadata`. Datasette really runs (a child process on a
free port) and is asked through its JSON API."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app

import datasette  # noqa: E402,F401  (a test dependency: its absence fails, never skips)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    """A demo database served by Datasette with sitroom's metadata; yields a JSON getter."""
    folder = tmp_path_factory.mktemp("datasette")
    database, metadata = folder / "demo.db", folder / "metadata.json"
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--db", str(database), "--quiet"]).exit_code == 0
    result = runner.invoke(app, ["datasette-metadata", "--db", str(database), "-o", str(metadata)])
    assert result.exit_code == 0, result.output
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(metadata), "--host",
         "127.0.0.1", "--port", str(port), "--setting", "default_page_size", "100"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip

    def get(path: str, **params) -> dict:
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/demo/{path}?{query}", timeout=30) as response:
            return json.load(response)

    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, server.stderr.read()
        try:
            get("events.json", _size=1)
            break
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "datasette did not start within 60 s"
            time.sleep(0.3)
    yield get
    server.terminate()
    server.wait(timeout=30)


def test_search_finds_events_and_documents_by_text(datasette):
    events = datasette("events_searchable.json", _search="Panjshir", _shape="objects")
    assert events["rows"], "search found no event mentioning Panjshir"
    assert all("panjshir" in json.dumps(row).lower() for row in events["rows"])
    everything = datasette("events_searchable.json", _shape="objects", _size=1000)["rows"]
    assert len(events["rows"]) < len(everything)
    documents = datasette("documents_searchable.json", _search="Panjshir", _shape="objects")
    assert documents["rows"] and all("panjshir" in (row["text"] + (row["title"] or "")).lower() for row in documents["rows"])
    nothing = datasette("events_searchable.json", _search="zzzqqqnotaword", _shape="objects")
    assert nothing["rows"] == []


def test_places_and_actors_are_filled_from_the_packs(datasette):
    provinces = datasette("places.json", level="admin1", _shape="objects", _size=100)["rows"]
    assert len(provinces) == 34 and "Panjshir" in {row["name"] for row in provinces}
    actors = datasette("actors.json", _shape="objects", _size=200)["rows"]
    assert actors and {"category", "aliases"} <= set(actors[0])
    assert any(row["actor_id"] == "taliban_forces" and row["category"] == "state forces" for row in actors)


def test_facets_and_labels_are_configured(datasette):
    events = datasette("events.json", _shape="objects")
    assert {"event_type", "status", "admin1"} <= set(events["facet_results"]["results"] if "results" in events["facet_results"] else events["facet_results"])
    mentions = datasette("mentions.json", _labels="on", _shape="objects", _size=5)["rows"]
    titled = [row["doc_id"] for row in mentions if isinstance(row["doc_id"], dict)]
    assert titled and all(set(cell) == {"value", "label"} and cell["label"] for cell in titled)
    assert any(cell["label"] != cell["value"] for cell in titled), "documents' title is their label"
