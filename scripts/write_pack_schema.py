"""Write src/sitroom/data/actors/schema.json from the pydantic models that validate actor dictionaries.

    python scripts/write_pack_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path

from sitroom.gazetteer.pack_models import actor_pack_json_schema

TARGET = Path(__file__).resolve().parent.parent / "src" / "sitroom" / "data" / "actors" / "schema.json"

if __name__ == "__main__":
    TARGET.write_text(json.dumps(actor_pack_json_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
