"""Every setting is documented in docs/settings.md (a setting missing from the docs fails)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from sitroom.config import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [f.name for f in fields(Settings) if f"`{f.name}`" not in text]
    assert not missing, f"settings missing from {DOCS}: {missing}"
