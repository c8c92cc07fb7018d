"""Shared fixtures: a temporary database path and a folder of small synthetic reports."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

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


@pytest.fixture(scope="session", autouse=True)
def user_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point the user's data folder (XDG_DATA_HOME, read by platformdirs) at a temporary one.

    A PostgreSQL store keeps its evidence there (Settings.evidence_path), so no test writes into
    the real home folder or the checkout; servers the tests start inherit it. Session-wide, so
    session fixtures that ingest into PostgreSQL are covered too.
    """
    folder = tmp_path_factory.mktemp("xdg-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder))
        yield folder


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


# -- both store backends ---------------------------------------------------------------------

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server on a free 127.0.0.1 port for the whole session (stopped after).

    Without PostgreSQL's binaries (or psycopg) the tests that need it are skipped, except under
    CI=true, where they fail: there the server is a required component.
    """
    from tests.pg_cluster import PostgresUnavailable, start_cluster

    try:
        import psycopg  # noqa: F401

        cluster = start_cluster()
    except (ImportError, PostgresUnavailable) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI=true: {error}")
        pytest.skip(f"PostgreSQL unavailable: {error}")
    yield cluster
    cluster.stop()


def new_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    """Return the location of an empty database of ``backend`` (dropped after the test)."""
    if backend == "sqlite":
        folder.mkdir(parents=True, exist_ok=True)
        return str(folder / "sitroom.db")
    cluster = request.getfixturevalue("postgres_cluster")
    url = cluster.create_database()
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend in turn: a SQLite file path, then a PostgreSQL URL."""
    return new_database(request, request.param, tmp_path)
# Figures printed by slow tests and fuzzers (benchmark-style lines), shown in pytest's summary.
FIGURES: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the figures tests recorded in FIGURES, after the results."""
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
