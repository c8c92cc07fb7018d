"""The API over a store filled by the real pipeline from small synthetic reports."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sitroom.api import create_app
from sitroom.config import Settings
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from tests.conftest import write_reports


def test_events_from_the_pipeline_are_listed_with_evidence(tmp_path):
    db_path = tmp_path / "pipeline.db"
    reports = tmp_path / "reports"
    write_reports(reports, 3)
    with open_repository(db_path) as repository:
        summary = Pipeline.from_config(Settings(db_path=db_path)).ingest([reports], repository)
    assert not summary.failed
    with TestClient(create_app(Settings(db_path=db_path))) as client:
        body = client.get("/api/v1/events", params={"limit": 500}).json()
        assert body["total"] == len(body["items"]) > 0
        detail = client.get(f"/api/v1/events/{body['items'][0]['event_id']}").json()
        assert detail["mentions"] and detail["sources"]
        for mention in detail["mentions"]:
            document = client.get(f"/api/v1/documents/{mention['doc_id']}").json()
            for span in mention["evidence"].values():
                assert span["quote"] == document["text"][span["start"] : span["end"]]
        provinces = {p["code"]: p["events"] for p in client.get("/api/v1/stats/by-province").json()["items"]}
        assert sum(provinces.values()) == body["total"]
