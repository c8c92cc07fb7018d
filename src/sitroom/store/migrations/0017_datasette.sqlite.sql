-- 0017 (SQLite only): searchable views for Datasette.
-- Datasette's search box runs `<fts_pk> IN (SELECT rowid FROM <fts_table> WHERE ... MATCH ...)`, so a
-- searchable table needs an integer column equal to its FTS rowid. events and documents have TEXT
-- keys (their FTS rows are keyed by event_keys / document_keys), so these views add that key; the
-- metadata from `sitroom datasette-metadata` links them to events_fts and documents_fts.
-- Views hold no data: nothing to keep in step.
CREATE VIEW events_searchable AS
    SELECT k.key AS search_key, e.event_id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.actor2,
           e.admin1, e.admin2, e.location, e.fatalities_best, e.status, e.text
    FROM events AS e JOIN event_keys AS k ON k.event_id = e.event_id;

CREATE VIEW documents_searchable AS
    SELECT k.key AS search_key, d.doc_id, d.title, d.publisher, d.published, d.source_kind, d.language,
           d.source_path, d.text
    FROM documents AS d JOIN document_keys AS k ON k.doc_id = d.doc_id;
