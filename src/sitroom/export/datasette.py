"""Datasette metadata for a sitroom database: search linked, facets, labels and descriptions.

The packaged template (data/datasette/metadata.json) describes the tables; Datasette names a
database after its file, so the template is placed under that name here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitroom.datafiles import read_data_json


def datasette_metadata(db_path: Path) -> dict[str, Any]:
    """Return Datasette metadata for the database file ``db_path`` (its stem is Datasette's name)."""
    template = read_data_json("datasette", "metadata.json")
    tables = template.pop("tables")
    return {**template, "databases": {Path(db_path).stem: {"tables": tables}}}
