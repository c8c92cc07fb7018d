"""The `sitroom serve` command: defaults to 127.0.0.1, refuses a missing database."""

from __future__ import annotations

from typer.testing import CliRunner

from sitroom.cli.main import app
from sitroom.cli.serve_commands import serve_url
from sitroom.config import Settings


def test_default_url_is_local():
    assert serve_url(Settings()) == "http://127.0.0.1:8765/"
    assert serve_url(Settings(host="::1", port=9000)) == "http://[::1]:9000/"


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "no such database" in " ".join(result.output.split())  # rich wraps long lines
