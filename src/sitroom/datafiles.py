"""Read packaged data files (src/sitroom/data/...) strictly.

Duplicate keys in a JSON data file are an error, not a silent overwrite: a repeated key
usually hides a typo in a hand-edited dictionary.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sitroom.errors import DataPackError


def read_data_json(folder: str, name: str) -> dict[str, Any]:
    """Return data/<folder>/<name> parsed; DataPackError naming the file when it is unreadable,
    not JSON, or repeats a key."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        duplicated = sorted({key for key in keys if keys.count(key) > 1})
        if duplicated:
            raise DataPackError(f"{folder}/{name}: duplicate keys {duplicated}")
        return dict(pairs)

    path = resources.files("sitroom.data").joinpath(folder, name)
    try:
        return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as exc:
        raise DataPackError(f"{folder}/{name}: cannot read ({exc}); reinstall sitroom") from exc
