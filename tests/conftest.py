"""Shared fixtures: a temporary database path and a folder of small synthetic reports."""

from __future__ import annotations

from pathlib import Path

import pytest

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
