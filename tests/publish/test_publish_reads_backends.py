"""The reads behind reports, volume and alert rules answer the same on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

from sitroom.config import Settings
from sitroom.ingest.demo import demo_corpus_files
from sitroom.pipeline import Pipeline
from sitroom.store import open_repository
from sitroom.store.filters import EventFilter


def _demo(location) -> None:
    with open_repository(location) as repository:
        Pipeline.from_config(Settings(db_path=location, analyst="tester")).ingest(demo_corpus_files(), repository)


def _timeless(record) -> str:
    """A record's fields without the times each run stamps (when it stored or read a document)."""
    fields = {key: value for key, value in dataclasses.asdict(record).items() if not key.endswith("_at")}
    return repr(sorted(fields.items()))


def _reads(location) -> dict:
    with open_repository(location) as repository:
        events = [event.event_id for event in repository.list_events(EventFilter(limit=10_000))]
        documents = [document.doc_id for document in repository.list_documents(limit=1000)]
        repository.save_alert_rule("panjshir-claims", "unconfirmed-claim", {"province": "Panjshir"}, "ada", "test")
        return {
            "origins": sorted((key, _timeless(value)) for key, value in repository.event_origins(events).items()),
            "volume": sorted(map(_timeless, repository.document_volume())),
            "claims": sorted(map(_timeless, repository.claim_records())),
            "briefs": sorted((key, _timeless(value)) for key, value in repository.document_briefs(documents).items()),
            "rules": [(rule.name, rule.kind, rule.params) for rule in repository.list_alert_rules()],
        }


def test_publish_reads_agree_across_backends(db_url, tmp_path):
    _demo(tmp_path / "reference.db")
    _demo(db_url)
    reference, answer = _reads(tmp_path / "reference.db"), _reads(db_url)
    assert reference["volume"] and reference["claims"] and reference["origins"]
    assert answer == reference
