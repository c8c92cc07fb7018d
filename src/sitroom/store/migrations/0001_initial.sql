-- 0001: sitroom's initial schema.
-- Plain tables only (no STRICT, no custom functions) so the file opens in Datasette as it is.
-- Dates are ISO-8601 TEXT; JSON values are TEXT holding JSON; booleans are INTEGER 0/1.

CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command TEXT NOT NULL,
    arguments TEXT NOT NULL DEFAULT '[]',      -- JSON list of the command's arguments
    analyst TEXT NOT NULL,
    started TEXT NOT NULL,                     -- ISO datetime, UTC
    finished TEXT,                             -- ISO datetime, UTC; NULL while running
    status TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}'          -- JSON object: status -> number of items
);

CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT,
    url TEXT,
    source_path TEXT,
    publisher TEXT,
    author TEXT,
    published TEXT,                            -- ISO date
    source_kind TEXT NOT NULL DEFAULT 'news'
        CHECK (source_kind IN ('news', 'claim', 'official', 'ngo', 'social')),
    language TEXT,
    retrieved_at TEXT,                         -- ISO datetime
    ingest_format TEXT,
    raw_sha256 TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',       -- JSON object
    run_id INTEGER REFERENCES ingest_runs(id),
    stored_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE mentions (
    mention_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,                  -- position of the mention within its document
    event_date TEXT,                           -- ISO date
    time_precision INTEGER NOT NULL DEFAULT 3 CHECK (time_precision BETWEEN 1 AND 3),
    event_type TEXT,
    sub_event_type TEXT,
    tags TEXT NOT NULL DEFAULT '[]',           -- JSON list
    actor1 TEXT,
    actor2 TEXT,
    assoc_actors TEXT NOT NULL DEFAULT '[]',   -- JSON list
    country TEXT,
    admin1 TEXT,
    admin1_code TEXT,
    admin2 TEXT,
    location TEXT,
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    geo_precision INTEGER NOT NULL DEFAULT 3 CHECK (geo_precision BETWEEN 1 AND 3),
    fatalities INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),
    injured INTEGER CHECK (injured IS NULL OR injured >= 0),
    detained INTEGER CHECK (detained IS NULL OR detained >= 0),
    claim_stance TEXT NOT NULL DEFAULT 'reported'
        CHECK (claim_stance IN ('reported', 'claimed', 'denied', 'confirmed')),
    claim_by TEXT,
    evidence TEXT NOT NULL DEFAULT '{}',       -- JSON: field -> [start, end, stage, version]
    text TEXT NOT NULL DEFAULT '',
    is_aggregate INTEGER NOT NULL DEFAULT 0 CHECK (is_aggregate IN (0, 1)),
    notes TEXT,
    source_event_id TEXT,
    extractor TEXT NOT NULL DEFAULT ''
);

CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    lead_doc_id TEXT,                          -- document whose mention supplies the coded fields
    lead_mention_id TEXT,
    event_date TEXT,
    time_precision INTEGER NOT NULL DEFAULT 3 CHECK (time_precision BETWEEN 1 AND 3),
    event_type TEXT,
    sub_event_type TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    actor1 TEXT,
    actor2 TEXT,
    assoc_actors TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    admin1 TEXT,
    admin1_code TEXT,
    admin2 TEXT,
    location TEXT,
    latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    geo_precision INTEGER NOT NULL DEFAULT 3 CHECK (geo_precision BETWEEN 1 AND 3),
    claim_stance TEXT NOT NULL DEFAULT 'reported'
        CHECK (claim_stance IN ('reported', 'claimed', 'denied', 'confirmed')),
    claim_by TEXT,
    evidence TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL DEFAULT '',
    notes TEXT,
    source_event_id TEXT,
    extractor TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'reported',
    fatalities_low INTEGER,
    fatalities_best INTEGER,
    fatalities_high INTEGER,
    injured_low INTEGER,
    injured_best INTEGER,
    injured_high INTEGER,
    detained_low INTEGER,
    detained_best INTEGER,
    detained_high INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    mention_id TEXT NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'supporting')),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (event_id, mention_id)
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mention_id TEXT NOT NULL UNIQUE REFERENCES mentions(mention_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events(event_id) ON DELETE SET NULL,
    stance TEXT NOT NULL CHECK (stance IN ('reported', 'claimed', 'denied', 'confirmed')),
    by TEXT,
    source_kind TEXT NOT NULL,
    publisher TEXT,
    fatalities INTEGER,
    injured INTEGER,
    detained INTEGER
);

CREATE TABLE actors (
    actor_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',        -- JSON list
    affiliation TEXT,
    valid_from TEXT,                           -- ISO date
    valid_until TEXT                           -- ISO date
);

CREATE TABLE places (
    place_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('country', 'admin1', 'admin2', 'populated')),
    country_code TEXT NOT NULL,
    admin1 TEXT,
    admin1_code TEXT,
    admin2 TEXT,
    latitude REAL,
    longitude REAL
);

CREATE TABLE ingest_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('stored', 'unchanged', 'skipped', 'failed')),
    reason TEXT,
    doc_id TEXT,                               -- no foreign key: failed items have no document
    at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    entity TEXT NOT NULL,                      -- 'document', 'mention', 'event'
    entity_id TEXT NOT NULL,
    before TEXT,                               -- JSON row before the change; NULL on create
    after TEXT,                                -- JSON row after the change; NULL on delete
    why TEXT
);
