-- 0004: lookup tables, full-text search and indexes for the JSON API's filters and statistics.
-- event_actors / event_tags / events_fts / documents_fts are derived from events and documents
-- and kept in step by the triggers below, so every writer (ingest, resolution) keeps them right
-- without knowing about them. They hold no information of their own: dropping and rebuilding
-- them from events/documents loses nothing.

-- Integer keys for the FTS tables: FTS5 rows are addressed by an integer rowid, and the implicit
-- rowid of a table with a TEXT primary key may change on VACUUM, so it cannot be used.
CREATE TABLE event_keys (
    key INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE
);
CREATE TABLE document_keys (
    key INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE
);

-- One row per (event, actor name): actor1, actor2 and each associated actor, with the event's
-- sort date (event_date, '' when undated) so an actor's events can be paged in date order.
CREATE TABLE event_actors (
    event_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    sort_date TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_event_actors_event_actor ON event_actors(event_id, actor COLLATE NOCASE);
CREATE INDEX idx_event_actors_actor ON event_actors(actor COLLATE NOCASE, sort_date, event_id);

-- Events and best-estimate fatalities per (day, province): answers time series, province counts
-- and totals under date/province filters without reading the events table.
CREATE TABLE event_daily (
    day TEXT NOT NULL,                         -- event_date, '' when undated
    admin1_code TEXT NOT NULL,                 -- '' when unknown
    admin1 TEXT NOT NULL,                      -- '' when unknown
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (day, admin1_code, admin1)
);
CREATE INDEX idx_event_daily_admin1_code ON event_daily(admin1_code COLLATE NOCASE, day);
CREATE INDEX idx_event_daily_admin1 ON event_daily(admin1 COLLATE NOCASE, day);

-- One row per (event, tag).
CREATE TABLE event_tags (
    event_id TEXT NOT NULL,
    tag TEXT NOT NULL
);
CREATE INDEX idx_event_tags_tag ON event_tags(tag COLLATE NOCASE, event_id);
CREATE INDEX idx_event_tags_event_id ON event_tags(event_id);

-- Free text over events (text, notes, places, actors) and documents (title, text).
CREATE VIRTUAL TABLE events_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER events_api_after_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_daily (day, admin1_code, admin1, events, fatalities)
        VALUES (coalesce(NEW.event_date, ''), coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), 1,
                coalesce(NEW.fatalities_best, 0))
        ON CONFLICT (day, admin1_code, admin1) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor1, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor1, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor2, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor2, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, value, coalesce(NEW.event_date, '')
        FROM json_each(CASE WHEN json_valid(NEW.assoc_actors) THEN NEW.assoc_actors ELSE '[]' END)
        WHERE type = 'text' AND value <> '';
    INSERT INTO event_tags (event_id, tag)
        SELECT NEW.event_id, value
        FROM json_each(CASE WHEN json_valid(NEW.tags) THEN NEW.tags ELSE '[]' END)
        WHERE type = 'text' AND value <> '';
    INSERT OR IGNORE INTO event_keys (event_id) VALUES (NEW.event_id);
    INSERT INTO events_fts (rowid, body)
        SELECT key, coalesce(NEW.text, '') || ' ' || coalesce(NEW.notes, '') || ' ' || coalesce(NEW.location, '')
            || ' ' || coalesce(NEW.admin2, '') || ' ' || coalesce(NEW.admin1, '') || ' ' || coalesce(NEW.actor1, '')
            || ' ' || coalesce(NEW.actor2, '') || ' ' || coalesce(NEW.assoc_actors, '')
        FROM event_keys WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER events_api_after_delete AFTER DELETE ON events BEGIN
    UPDATE event_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE day = coalesce(OLD.event_date, '') AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '');
    DELETE FROM event_daily WHERE events <= 0 AND day = coalesce(OLD.event_date, '')
        AND admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '');
    DELETE FROM event_actors WHERE event_id = OLD.event_id;
    DELETE FROM event_tags WHERE event_id = OLD.event_id;
    DELETE FROM events_fts WHERE rowid = (SELECT key FROM event_keys WHERE event_id = OLD.event_id);
    DELETE FROM event_keys WHERE event_id = OLD.event_id;
END;

-- Only when a searched or looked-up column changes, so figure and status updates stay cheap.
CREATE TRIGGER events_api_after_update
AFTER UPDATE OF event_id, event_date, actor1, actor2, assoc_actors, tags, text, notes, location, admin1, admin2 ON events
BEGIN
    DELETE FROM event_actors WHERE event_id = OLD.event_id;
    DELETE FROM event_tags WHERE event_id = OLD.event_id;
    DELETE FROM events_fts WHERE rowid = (SELECT key FROM event_keys WHERE event_id = OLD.event_id);
    DELETE FROM event_keys WHERE event_id = OLD.event_id;
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor1, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor1, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor2, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor2, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, value, coalesce(NEW.event_date, '')
        FROM json_each(CASE WHEN json_valid(NEW.assoc_actors) THEN NEW.assoc_actors ELSE '[]' END)
        WHERE type = 'text' AND value <> '';
    INSERT INTO event_tags (event_id, tag)
        SELECT NEW.event_id, value
        FROM json_each(CASE WHEN json_valid(NEW.tags) THEN NEW.tags ELSE '[]' END)
        WHERE type = 'text' AND value <> '';
    INSERT OR IGNORE INTO event_keys (event_id) VALUES (NEW.event_id);
    INSERT INTO events_fts (rowid, body)
        SELECT key, coalesce(NEW.text, '') || ' ' || coalesce(NEW.notes, '') || ' ' || coalesce(NEW.location, '')
            || ' ' || coalesce(NEW.admin2, '') || ' ' || coalesce(NEW.admin1, '') || ' ' || coalesce(NEW.actor1, '')
            || ' ' || coalesce(NEW.actor2, '') || ' ' || coalesce(NEW.assoc_actors, '')
        FROM event_keys WHERE event_id = NEW.event_id;
END;

CREATE TRIGGER events_api_daily_after_update
AFTER UPDATE OF event_date, admin1_code, admin1, fatalities_best ON events
BEGIN
    UPDATE event_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE day = coalesce(OLD.event_date, '') AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '');
    DELETE FROM event_daily WHERE events <= 0 AND day = coalesce(OLD.event_date, '')
        AND admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '');
    INSERT INTO event_daily (day, admin1_code, admin1, events, fatalities)
        VALUES (coalesce(NEW.event_date, ''), coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), 1,
                coalesce(NEW.fatalities_best, 0))
        ON CONFLICT (day, admin1_code, admin1) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
END;

CREATE TRIGGER documents_api_after_insert AFTER INSERT ON documents BEGIN
    INSERT OR IGNORE INTO document_keys (doc_id) VALUES (NEW.doc_id);
    INSERT INTO documents_fts (rowid, title, body)
        SELECT key, coalesce(NEW.title, ''), NEW.text FROM document_keys WHERE doc_id = NEW.doc_id;
END;

CREATE TRIGGER documents_api_after_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = (SELECT key FROM document_keys WHERE doc_id = OLD.doc_id);
    DELETE FROM document_keys WHERE doc_id = OLD.doc_id;
END;

CREATE TRIGGER documents_api_after_update AFTER UPDATE OF doc_id, title, text ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = (SELECT key FROM document_keys WHERE doc_id = OLD.doc_id);
    DELETE FROM document_keys WHERE doc_id = OLD.doc_id;
    INSERT OR IGNORE INTO document_keys (doc_id) VALUES (NEW.doc_id);
    INSERT INTO documents_fts (rowid, title, body)
        SELECT key, coalesce(NEW.title, ''), NEW.text FROM document_keys WHERE doc_id = NEW.doc_id;
END;

-- Fill the derived tables from what is stored already.
INSERT INTO event_daily (day, admin1_code, admin1, events, fatalities)
    SELECT coalesce(event_date, ''), coalesce(admin1_code, ''), coalesce(admin1, ''), COUNT(*),
        TOTAL(coalesce(fatalities_best, 0))
    FROM events GROUP BY 1, 2, 3;
INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
    SELECT event_id, actor1, coalesce(event_date, '') FROM events WHERE coalesce(actor1, '') <> '';
INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
    SELECT event_id, actor2, coalesce(event_date, '') FROM events WHERE coalesce(actor2, '') <> '';
INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
    SELECT e.event_id, j.value, coalesce(e.event_date, '')
    FROM events e, json_each(CASE WHEN json_valid(e.assoc_actors) THEN e.assoc_actors ELSE '[]' END) j
    WHERE j.type = 'text' AND j.value <> '';
INSERT INTO event_tags (event_id, tag)
    SELECT e.event_id, j.value
    FROM events e, json_each(CASE WHEN json_valid(e.tags) THEN e.tags ELSE '[]' END) j
    WHERE j.type = 'text' AND j.value <> '';
INSERT INTO event_keys (event_id) SELECT event_id FROM events ORDER BY event_id;
INSERT INTO events_fts (rowid, body)
    SELECT k.key, coalesce(e.text, '') || ' ' || coalesce(e.notes, '') || ' ' || coalesce(e.location, '')
        || ' ' || coalesce(e.admin2, '') || ' ' || coalesce(e.admin1, '') || ' ' || coalesce(e.actor1, '')
        || ' ' || coalesce(e.actor2, '') || ' ' || coalesce(e.assoc_actors, '')
    FROM events e JOIN event_keys k ON k.event_id = e.event_id;
INSERT INTO document_keys (doc_id) SELECT doc_id FROM documents ORDER BY doc_id;
INSERT INTO documents_fts (rowid, title, body)
    SELECT k.key, coalesce(d.title, ''), d.text FROM documents d JOIN document_keys k ON k.doc_id = d.doc_id;

-- Sort key of event lists: undated events sort as '' (last when newest first).
CREATE INDEX idx_events_sort ON events(coalesce(event_date, ''), event_id);
CREATE INDEX idx_events_admin1_code ON events(admin1_code COLLATE NOCASE);
CREATE INDEX idx_events_admin1_nocase ON events(admin1 COLLATE NOCASE);
CREATE INDEX idx_events_admin2 ON events(admin2 COLLATE NOCASE);
CREATE INDEX idx_events_status ON events(status);
CREATE INDEX idx_events_event_type_nocase ON events(event_type COLLATE NOCASE);
CREATE INDEX idx_documents_source_kind ON documents(source_kind);
CREATE INDEX idx_documents_stored ON documents(stored_at, doc_id);
CREATE INDEX idx_claims_doc_id ON claims(doc_id);
