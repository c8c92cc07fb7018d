"""The store and the resolve stage do not import each other; the app mounts the dashboard itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "sitroom"


def _imported_modules(package: str) -> set[str]:
    found: set[str] = set()
    for path in (SRC / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(("package", "other"), [
    ("store", "sitroom.resolve"), ("resolve", "sitroom.store"),
    ("store", "sitroom.review"),  # the queue's scores are computed in review/ and handed to the store
])
def test_store_and_resolve_do_not_import_each_other(package: str, other: str) -> None:
    assert sorted(name for name in _imported_modules(package) if name == other or name.startswith(other + ".")) == []


def test_create_app_mounts_the_dashboard_explicitly(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from sitroom.api import create_app
    from sitroom.config import Settings

    settings = Settings(db_path=tmp_path / "a.db")
    with TestClient(create_app(settings)) as full, TestClient(create_app(settings, dashboard=False)) as api_only:
        assert full.get("/").status_code == 200 and "text/html" in full.get("/").headers["content-type"]
        assert api_only.get("/").status_code == 404
        assert api_only.get("/api/v1/health").json()["status"] == "ok"
    assert "importlib" not in (SRC / "api" / "app.py").read_text(encoding="utf-8")
