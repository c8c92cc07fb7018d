"""The CLI on PostgreSQL: --db takes a postgresql:// URL and every command runs against the server."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sitroom.cli.main import app
from tests.conftest import new_database


def test_demo_events_and_stats_on_postgresql(request, tmp_path) -> None:
    url = new_database(request, "postgres", tmp_path)
    runner = CliRunner()
    demo = runner.invoke(app, ["demo", "--db", url])
    assert demo.exit_code == 0, demo.output
    listed = runner.invoke(app, ["events", "--db", url, "--format", "json", "--province", "Panjshir"])
    assert listed.exit_code == 0, listed.output
    events = json.loads(listed.stdout)
    assert events and all(event["admin1"] == "Panjshir" for event in events)
    stats = runner.invoke(app, ["stats", "--db", url])
    assert stats.exit_code == 0 and "Panjshir" in stats.output


def test_an_unreachable_server_is_a_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(app, ["events", "--db", "postgresql://nobody:pw@127.0.0.1:1/none"])
    assert result.exit_code == 2
    assert "cannot connect to PostgreSQL" in result.output and "pw@" not in result.output
