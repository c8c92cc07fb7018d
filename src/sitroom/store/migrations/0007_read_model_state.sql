-- 0007: the read model's own bookkeeping (portable). The API's lookup tables and rollups (0004,
-- 0005) are now kept by store/read_model.py, code both backends share: before a write commits it
-- takes each changed event's (or document's) old contribution out, recomputes it from the stored
-- rows, and puts the new one in. 0008 replaces SQLite's rollup triggers by ones that only note
-- what changed here.

-- What changed in the open write transaction: kind 'event' (an event_id) or 'document' (a doc_id).
-- Emptied by the refresh before every commit, so it is empty between transactions.
CREATE TABLE read_model_dirty (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);

-- Each event's fields as the rollups last counted them, so its old contribution can be taken out.
CREATE TABLE event_rollup_state (
    event_id TEXT PRIMARY KEY,
    day TEXT NOT NULL,                         -- event_date, '' when undated
    admin1_code TEXT NOT NULL,                 -- '' when unknown
    admin1 TEXT NOT NULL,
    admin2 TEXT NOT NULL,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL,
    fatalities INTEGER NOT NULL                -- fatalities_best, 0 when unknown
);

-- Each document's source kind and number of mentions as store_counts last counted them.
CREATE TABLE document_rollup_state (
    doc_id TEXT PRIMARY KEY,
    source_kind TEXT NOT NULL,
    mentions INTEGER NOT NULL
);

INSERT INTO event_rollup_state (event_id, day, admin1_code, admin1, admin2, event_type, status, fatalities)
    SELECT event_id, coalesce(event_date, ''), coalesce(admin1_code, ''), coalesce(admin1, ''),
        coalesce(admin2, ''), coalesce(event_type, ''), coalesce(status, ''), coalesce(fatalities_best, 0)
    FROM events;
INSERT INTO document_rollup_state (doc_id, source_kind, mentions)
    SELECT d.doc_id, d.source_kind, (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.doc_id) FROM documents d;
