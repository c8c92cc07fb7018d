"""Evidence routes: an id no store can hold is a clear 422, never a server error."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.store import open_repository


def test_oversized_or_zero_source_id_is_refused_with_422(tmp_path):
    db_path = tmp_path / "x.db"
    open_repository(db_path).close()
    with TestClient(create_app(Settings(db_path=db_path))) as client:
        huge = client.get("/api/v1/evidence/sources/50747471116799621143199744/copy")
        zero = client.get("/api/v1/evidence/sources/0/warc")
        missing = client.get("/api/v1/evidence/sources/7/copy")
    assert huge.status_code == 422 and "source_id" in huge.text
    assert zero.status_code == 422
    assert missing.status_code == 404
