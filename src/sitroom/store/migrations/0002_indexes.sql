-- 0002: indexes for the lookups and filters the repository runs.

CREATE INDEX idx_documents_raw_sha256 ON documents(raw_sha256);
CREATE INDEX idx_documents_text_sha256 ON documents(text_sha256);
CREATE INDEX idx_documents_published ON documents(published);
CREATE INDEX idx_mentions_doc_id ON mentions(doc_id, ordinal);
CREATE INDEX idx_events_event_date ON events(event_date DESC, event_id);
CREATE INDEX idx_events_admin1 ON events(admin1);
CREATE INDEX idx_events_event_type ON events(event_type);
CREATE INDEX idx_event_sources_mention_id ON event_sources(mention_id);
CREATE INDEX idx_event_sources_doc_id ON event_sources(doc_id);
CREATE INDEX idx_claims_event_id ON claims(event_id);
CREATE INDEX idx_ingest_items_run_id ON ingest_items(run_id);
CREATE INDEX idx_audit_log_entity ON audit_log(entity, entity_id);
