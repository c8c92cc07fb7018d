-- 0017 (PostgreSQL): the same views as 0017_datasette.sqlite.sql, so both stores have the same
-- relations. Datasette reads SQLite files only; on PostgreSQL text search goes through
-- event_search / document_search (tsvector), so the views carry no FTS key.
CREATE VIEW events_searchable AS
    SELECT CAST(NULL AS BIGINT) AS search_key, e.event_id, e.event_date, e.event_type, e.sub_event_type,
           e.actor1, e.actor2, e.admin1, e.admin2, e.location, e.fatalities_best, e.status, e.text
    FROM events AS e;

CREATE VIEW documents_searchable AS
    SELECT CAST(NULL AS BIGINT) AS search_key, d.doc_id, d.title, d.publisher, d.published, d.source_kind,
           d.language, d.source_path, d.text
    FROM documents AS d;
