"""The ingest command's distributed options."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner


from sitroom.cli.main import app
from sitroom.ingest.demo import demo_corpus_files

pytestmark = pytest.mark.slow


def test_ingest_with_workers_stores_the_demo_corpus(tmp_path):
    folder = demo_corpus_files()[0].parent
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "x.db"), "--workers", "2",
                                      "--partition-size", "6", "--resolve-every", "20", "--quiet"])
    again = CliRunner().invoke(app, ["stats", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1  # the demo folder's MANIFEST.json is no document: reported, not fatal
    assert "MANIFEST.json" in result.output
    assert again.exit_code == 0 and "events" in again.output


def test_resolve_every_without_workers_is_refused_with_a_reason(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--resolve-every", "5"])
    assert result.exit_code == 2
    assert "--resolve-every is for distributed runs" in result.output


def test_zero_workers_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--workers", "0"])
    assert result.exit_code == 2 and "--workers must be at least 1" in result.output
