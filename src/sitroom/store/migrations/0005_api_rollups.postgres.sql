-- 0005 on PostgreSQL: the API's rollups (0005_api_rollups.sql is SQLite's), the same tables.
-- Kept in step by the store's read model (store/read_model.py), not by triggers.

CREATE TABLE actor_daily (
    actor TEXT NOT NULL,
    day TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (actor, day, admin1_code, admin1)
);
CREATE INDEX idx_actor_daily_actor_nocase ON actor_daily(actor COLLATE nocase, day);

CREATE TABLE actor_pairs (
    actor TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    day TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor, counterpart, day)
);
CREATE INDEX idx_actor_pairs_actor_nocase ON actor_pairs(actor COLLATE nocase, day);

CREATE TABLE event_stances (
    event_id TEXT NOT NULL,
    stance TEXT NOT NULL,
    sources INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    injured INTEGER NOT NULL,
    detained INTEGER NOT NULL,
    PRIMARY KEY (event_id, stance)
);

CREATE TABLE actor_stances (
    actor TEXT NOT NULL,
    day TEXT NOT NULL,
    stance TEXT NOT NULL,
    events INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    injured INTEGER NOT NULL,
    detained INTEGER NOT NULL,
    PRIMARY KEY (actor, day, stance)
);
CREATE INDEX idx_actor_stances_actor_nocase ON actor_stances(actor COLLATE nocase, day);

CREATE TABLE event_source_kinds (
    event_id TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    sources INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_kind)
);
CREATE INDEX idx_event_source_kinds_kind ON event_source_kinds(source_kind, event_id);

CREATE TABLE district_daily (
    admin1_code TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    admin2 TEXT NOT NULL,
    day TEXT NOT NULL,
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (admin1_code, admin1, admin2, day)
);

CREATE TABLE store_counts (
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
);
