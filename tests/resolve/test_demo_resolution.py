"""The bundled demo corpus ends resolved: reports of one incident share an event, re-runs change nothing."""

from __future__ import annotations

from sitroom.config import Settings
from sitroom.ingest.demo import demo_corpus_files
from sitroom.pipeline import Pipeline
from sitroom.store import EventFilter, connect_database, open_repository


def test_demo_corpus_is_resolved_at_the_end_of_the_ingest_run(db_url):
    settings = Settings(db_path=db_url, analyst="tester")
    pipeline = Pipeline.from_config(settings)
    with open_repository(settings.db_path) as repository:
        summary = pipeline.ingest(demo_corpus_files(), repository)
        assert not summary.failed and summary.resolution is not None
        events = repository.list_events(EventFilter(limit=None))
        placed = [s.mention_id for event in events for s in event.sources]
        mentions = [m for m in repository.list_mentions() if not m.is_aggregate]
        assert sorted(placed) == sorted(m.mention_id for m in mentions)  # each mention in exactly one event
        assert len(events) < len(mentions) and summary.resolution.events == len(events)
        assert max(len({s.doc_id for s in event.sources}) for event in events) >= 4
        assert not pipeline.resolve(repository).changed
        assert not pipeline.resolve(repository, rebuild=True).changed
        again = pipeline.ingest(demo_corpus_files(), repository)
        assert again.counts["unchanged"] == summary.counts["stored"] and not again.resolution.changed
    connection = connect_database(settings.db_path)
    try:
        assert connection.execute("SELECT COUNT(*) FROM event_sources WHERE resolved_at IS NULL").fetchone()[0] == 0
    finally:
        connection.close()
