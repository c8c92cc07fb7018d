"""Shared fixtures: a temporary database path and a folder of small synthetic reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tables are laid out for the terminal's width (rich reads COLUMNS when the CLI's consoles are
# built, on import): fix it here, before any test imports sitroom.cli, so no test depends on the
# width of the terminal it runs in. Tests of wrapping pass their own COLUMNS to a child process.
os.environ["COLUMNS"] = "200"
os.environ["LINES"] = "50"


def shared_folder(config: pytest.Config) -> Path:
    """The evaluation data folder: $SITROOM_SHARED, else ``shared`` beside the checkout's root.

    The root is pytest's rootdir (where pyproject.toml is), not a count of a test file's parents.
    """
    named = os.environ.get("SITROOM_SHARED")
    return Path(named) if named else Path(config.rootpath).parent / "shared"


@pytest.fixture(scope="session")
def shared(request) -> Path:
    """The ../shared folder (see shared_folder)."""
    return shared_folder(request.config)

REPORT_TEMPLATE = (
    "Synthetic example {index} for sitroom's tests.\n\n"
    "KABUL, Afghanistan (May {day}, 2023)\n"
    "Taliban forces detained {count} villagers in Andarab district of Baghlan province yesterday, "
    "according to local residents. The National Resistance Front said its fighters killed two "
    "Taliban members at a checkpoint in Dara district, Panjshir province.\n"
)


def write_reports(folder: Path, count: int) -> list[Path]:
    """Write ``count`` distinct small synthetic reports as .txt files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"report-{index:05d}.txt"
        path.write_text(REPORT_TEMPLATE.format(index=index, day=1 + index % 28, count=3 + index % 9), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    write_reports(folder, 6)
    return folder


# Figures printed by slow tests and fuzzers (benchmark-style lines), shown in pytest's summary.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the figures tests recorded in FIGURES, after the results."""
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
