-- 0004 on PostgreSQL: the API's lookup tables and full-text search (0004_api_indexes.sql is SQLite's).
-- The tables are derived from events and documents and kept in step by the store's read model
-- (store/read_model.py) before every write commits; they hold nothing of their own.

-- Case-insensitive equality like SQLite's COLLATE NOCASE, so shared SQL may say "= ? COLLATE NOCASE".
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    sort_date TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_event_actors_event_actor ON event_actors(event_id, actor COLLATE nocase);
CREATE INDEX idx_event_actors_actor ON event_actors(actor COLLATE nocase, sort_date, event_id);

CREATE TABLE event_daily (
    day TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (day, admin1_code, admin1)
);
CREATE INDEX idx_event_daily_admin1_code ON event_daily(admin1_code COLLATE nocase, day);
CREATE INDEX idx_event_daily_admin1 ON event_daily(admin1 COLLATE nocase, day);

CREATE TABLE event_tags (
    event_id TEXT NOT NULL,
    tag TEXT NOT NULL
);
CREATE INDEX idx_event_tags_tag ON event_tags(tag COLLATE nocase, event_id);
CREATE INDEX idx_event_tags_event_id ON event_tags(event_id);

-- Free text: tsvector ('simple' configuration: words lower-cased, no stemming) with GIN indexes.
CREATE TABLE event_search (
    event_id TEXT PRIMARY KEY,
    body TSVECTOR NOT NULL
);
CREATE INDEX idx_event_search_body ON event_search USING GIN (body);
CREATE TABLE document_search (
    doc_id TEXT PRIMARY KEY,
    body TSVECTOR NOT NULL
);
CREATE INDEX idx_document_search_body ON document_search USING GIN (body);

CREATE INDEX idx_events_sort ON events((coalesce(event_date, '')), event_id);
CREATE INDEX idx_events_admin1_code ON events(admin1_code COLLATE nocase);
CREATE INDEX idx_events_admin1_nocase ON events(admin1 COLLATE nocase);
CREATE INDEX idx_events_admin2 ON events(admin2 COLLATE nocase);
CREATE INDEX idx_events_status ON events(status);
CREATE INDEX idx_events_event_type_nocase ON events(event_type COLLATE nocase);
CREATE INDEX idx_documents_source_kind ON documents(source_kind);
CREATE INDEX idx_documents_stored ON documents(stored_at, doc_id);
CREATE INDEX idx_claims_doc_id ON claims(doc_id);
