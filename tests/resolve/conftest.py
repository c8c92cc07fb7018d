"""Fixtures for resolution tests; the mention builder ``make`` lives in resolve_helpers."""

from __future__ import annotations

import pytest

from sitroom.resolve import default_settings


@pytest.fixture
def settings():
    return default_settings()
