"""Messages: text with square brackets prints as it is, messages to pipes and files are single lines,
read commands refuse a database that does not exist, and tables can be printed as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sitroom.cli.main import app
from tests.cli.test_resolve_cli import write_acled, DARA

runner = CliRunner()
READ_COMMANDS = [
    ["events"], ["events", "--format", "json"], ["export"], ["stats"], ["stats", "--json"], ["alerts"],
    ["decisions"], ["actors"], ["why", "EV-1"], ["resolve"], ["serve"],
]


def run_sitroom(*args: str, columns: str = "80") -> subprocess.CompletedProcess:
    """Run the real command in a child process whose output is a pipe (not a terminal)."""
    environment = {**os.environ, "COLUMNS": columns, "LINES": "24"}
    environment.pop("SITROOM_DB", None)
    return subprocess.run([sys.executable, "-m", "sitroom.cli.main", *args], capture_output=True, text=True,
                          env=environment, timeout=120, stdin=subprocess.DEVNULL)  # fmt: skip


def test_a_long_path_is_one_line_in_a_pipe_at_80_columns(tmp_path):
    deep = tmp_path.joinpath(*(f"a-rather-long-folder-name-{n:02d}" for n in range(8)))
    deep.mkdir(parents=True)
    missing = deep / "no-such-report-with-a-long-name.txt"
    result = run_sitroom("ingest", str(missing), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if str(missing) in line]
    assert lines == [f"failed: {missing}: path does not exist"], result.stderr


def test_a_long_error_message_is_one_line_whatever_the_width(tmp_path):
    missing = tmp_path.joinpath(*(["deeper-and-deeper"] * 10)) / "missing.db"
    for columns in ("40", "80", "400"):
        result = run_sitroom("stats", "--db", str(missing), columns=columns)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and str(missing) in result.stderr, result.stderr


def test_file_names_and_values_with_brackets_print_as_they_are(tmp_path, monkeypatch):
    from sitroom.cli import output

    monkeypatch.setattr(output.console, "width", 300)  # a table cell is folded to fit; keep it whole
    odd = tmp_path / "[red]odd[x] [serve].txt"
    odd.write_bytes(b"")
    acled = write_acled(tmp_path / "coded.csv", [("AFG-T-9", "Test Wire", {**DARA, "actor1": "[bold]Front[/bold]"}, "2")])
    bad_date = tmp_path / "bad-date.csv"
    text = acled.read_text(encoding="utf-8").replace("2023-05-13", "[red]2023[/red]")
    bad_date.write_text(text.replace("AFG-T-9", "AFG-T-10"), encoding="utf-8")
    db = str(tmp_path / "odd.db")
    result = runner.invoke(app, ["ingest", str(odd), str(acled), str(bad_date), "--db", db])
    assert "[red]odd[x] [serve].txt" in result.output
    assert "[red]2023[/red]" in result.output, result.output
    table = runner.invoke(app, ["events", "--db", db])
    assert "[bold]Front[/bold]" in table.output


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c))
def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path, command):
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, [*command, "--db", str(missing)])
    assert result.exit_code == 2, result.output
    assert str(missing) in result.output and "no such database" in result.output
    assert not missing.exists()


def test_only_init_ingest_and_demo_create_a_database(tmp_path, reports):
    for command in (["init"], ["ingest", str(reports), "--quiet"]):
        target = tmp_path / f"{command[0]}.db"
        assert runner.invoke(app, [*command, "--db", str(target)]).exit_code == 0
        assert target.exists()


def test_stats_prints_json(tmp_path, reports):
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", str(reports), "--db", db, "--quiet"]).exit_code == 0
    figures = json.loads(runner.invoke(app, ["stats", "--db", db, "--json"]).stdout)
    assert figures["documents"] == 6 and figures["mentions"] >= 6
    assert sum(figures["by_source_kind"].values()) == 6 and figures["by_admin1"]


def test_usage_errors_are_plain_lines(tmp_path):
    result = run_sitroom("events", "--format", "[red]nope[/red]", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "[red]nope[/red]" in result.stderr and "╭" not in result.stderr
