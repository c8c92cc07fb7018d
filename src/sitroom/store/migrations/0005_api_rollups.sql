-- 0005: rollups for the actor pages, district counts, headline counts and source-kind filters.
-- Like 0004's tables these are derived (from events, event_actors, event_sources, mentions and
-- documents), kept in step by triggers so every writer keeps them right, and can be rebuilt from
-- the backfill at the end of this file. 0004's event triggers are replaced by ones that also keep
-- the actor rollups, in one explicit order (old contribution out, event_actors rebuilt, new in).

-- Events and best-estimate fatalities per (actor, day, province): the actor list and an actor's
-- activity. day is the event's sort date ('' when undated); one row per event_actors row counted.
CREATE TABLE actor_daily (
    actor TEXT NOT NULL,
    day TEXT NOT NULL,
    admin1_code TEXT NOT NULL,                 -- '' when unknown
    admin1 TEXT NOT NULL,                      -- '' when unknown
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (actor, day, admin1_code, admin1)
) WITHOUT ROWID;
CREATE INDEX idx_actor_daily_actor_nocase ON actor_daily(actor COLLATE NOCASE, day);

-- Events two actors share, per day: an actor's counterparts.
CREATE TABLE actor_pairs (
    actor TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    day TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (actor, counterpart, day)
) WITHOUT ROWID;
CREATE INDEX idx_actor_pairs_actor_nocase ON actor_pairs(actor COLLATE NOCASE, day);

-- Per event and source stance (the mention's claim_stance): ledger rows, and the highest figure
-- any such source gives (0 when none gives one).
CREATE TABLE event_stances (
    event_id TEXT NOT NULL,
    stance TEXT NOT NULL,
    sources INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    injured INTEGER NOT NULL,
    detained INTEGER NOT NULL,
    PRIMARY KEY (event_id, stance)
) WITHOUT ROWID;

-- event_stances summed per (actor, day, stance): an actor's claimed-vs-confirmed figures.
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
) WITHOUT ROWID;
CREATE INDEX idx_actor_stances_actor_nocase ON actor_stances(actor COLLATE NOCASE, day);

-- Which kinds of source each event has (and how many of each): the source_kind filter.
CREATE TABLE event_source_kinds (
    event_id TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    sources INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_kind)
) WITHOUT ROWID;
CREATE INDEX idx_event_source_kinds_kind ON event_source_kinds(source_kind, event_id);

-- Events and best-estimate fatalities per (province, district, day): counts by district.
CREATE TABLE district_daily (
    admin1_code TEXT NOT NULL,                 -- '' when unknown
    admin1 TEXT NOT NULL,                      -- '' when unknown
    admin2 TEXT NOT NULL,                      -- '' when unknown
    day TEXT NOT NULL,                         -- '' when undated
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (admin1_code, admin1, admin2, day)
) WITHOUT ROWID;

-- Headline counts: facet 'events', 'documents', 'mentions' (value '') and events per 'event_type'
-- and 'status', documents per 'source_kind' (value '' when the column is empty).
CREATE TABLE store_counts (
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

DROP TRIGGER events_api_after_insert;
DROP TRIGGER events_api_after_delete;
DROP TRIGGER events_api_after_update;

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
    INSERT INTO actor_daily (actor, day, admin1_code, admin1, events, fatalities)
        SELECT actor, sort_date, coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), 1,
            coalesce(NEW.fatalities_best, 0)
        FROM event_actors WHERE event_id = NEW.event_id AND 1
        ON CONFLICT (actor, day, admin1_code, admin1) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
    INSERT INTO actor_pairs (actor, counterpart, day, events)
        SELECT x.actor, y.actor, x.sort_date, 1 FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = NEW.event_id
        ON CONFLICT (actor, counterpart, day) DO UPDATE SET events = events + 1;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id = NEW.event_id GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
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
    INSERT INTO store_counts (facet, value, count) VALUES ('events', '', 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO store_counts (facet, value, count) VALUES ('event_type', coalesce(NEW.event_type, ''), 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO store_counts (facet, value, count) VALUES ('status', coalesce(NEW.status, ''), 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO district_daily (admin1_code, admin1, admin2, day, events, fatalities)
        VALUES (coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), coalesce(NEW.admin2, ''),
                coalesce(NEW.event_date, ''), 1, coalesce(NEW.fatalities_best, 0))
        ON CONFLICT (admin1_code, admin1, admin2, day) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
END;

CREATE TRIGGER events_api_after_delete AFTER DELETE ON events BEGIN
    UPDATE event_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE day = coalesce(OLD.event_date, '') AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '');
    DELETE FROM event_daily WHERE events <= 0 AND day = coalesce(OLD.event_date, '')
        AND admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '');
    UPDATE actor_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '')
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    DELETE FROM actor_daily WHERE events <= 0 AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '')
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    UPDATE actor_pairs SET events = events - 1 WHERE (actor, counterpart, day) IN (
        SELECT x.actor, y.actor, x.sort_date FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = OLD.event_id);
    DELETE FROM actor_pairs WHERE events <= 0 AND (actor, counterpart, day) IN (
        SELECT x.actor, y.actor, x.sort_date FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = OLD.event_id);
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id = OLD.event_id GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    DELETE FROM event_actors WHERE event_id = OLD.event_id;
    DELETE FROM event_tags WHERE event_id = OLD.event_id;
    DELETE FROM events_fts WHERE rowid = (SELECT key FROM event_keys WHERE event_id = OLD.event_id);
    DELETE FROM event_keys WHERE event_id = OLD.event_id;
    UPDATE store_counts SET count = count - 1 WHERE facet = 'events' AND value = '';
    UPDATE store_counts SET count = count - 1 WHERE facet = 'event_type' AND value = coalesce(OLD.event_type, '');
    UPDATE store_counts SET count = count - 1 WHERE facet = 'status' AND value = coalesce(OLD.status, '');
    UPDATE district_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '')
        AND admin2 = coalesce(OLD.admin2, '') AND day = coalesce(OLD.event_date, '');
    DELETE FROM district_daily WHERE events <= 0 AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '') AND admin2 = coalesce(OLD.admin2, '') AND day = coalesce(OLD.event_date, '');
    DELETE FROM store_counts WHERE count <= 0 AND facet IN ('event_type', 'status');
    DELETE FROM event_stances WHERE event_id = OLD.event_id;
    DELETE FROM event_source_kinds WHERE event_id = OLD.event_id;
END;

-- Free-text and tag lookups follow the searched columns.
CREATE TRIGGER events_api_search_after_update
AFTER UPDATE OF event_id, actor1, actor2, assoc_actors, tags, text, notes, location, admin1, admin2 ON events
BEGIN
    DELETE FROM event_tags WHERE event_id = OLD.event_id;
    DELETE FROM events_fts WHERE rowid = (SELECT key FROM event_keys WHERE event_id = OLD.event_id);
    DELETE FROM event_keys WHERE event_id = OLD.event_id;
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

-- The actor rollups move with the event's actors, date, province and fatalities: take the old
-- contribution out (event_actors still holds the old names and date), rebuild, put the new one in.
CREATE TRIGGER events_api_actors_after_update
AFTER UPDATE OF event_id, event_date, actor1, actor2, assoc_actors, admin1, admin1_code, fatalities_best ON events
BEGIN
    UPDATE actor_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '')
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    DELETE FROM actor_daily WHERE events <= 0 AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '')
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    UPDATE actor_pairs SET events = events - 1 WHERE (actor, counterpart, day) IN (
        SELECT x.actor, y.actor, x.sort_date FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = OLD.event_id);
    DELETE FROM actor_pairs WHERE events <= 0 AND (actor, counterpart, day) IN (
        SELECT x.actor, y.actor, x.sort_date FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = OLD.event_id);
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id = OLD.event_id GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    DELETE FROM event_actors WHERE event_id = OLD.event_id;
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor1, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor1, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, NEW.actor2, coalesce(NEW.event_date, '') WHERE coalesce(NEW.actor2, '') <> '';
    INSERT OR IGNORE INTO event_actors (event_id, actor, sort_date)
        SELECT NEW.event_id, value, coalesce(NEW.event_date, '')
        FROM json_each(CASE WHEN json_valid(NEW.assoc_actors) THEN NEW.assoc_actors ELSE '[]' END)
        WHERE type = 'text' AND value <> '';
    INSERT INTO actor_daily (actor, day, admin1_code, admin1, events, fatalities)
        SELECT actor, sort_date, coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), 1,
            coalesce(NEW.fatalities_best, 0)
        FROM event_actors WHERE event_id = NEW.event_id AND 1
        ON CONFLICT (actor, day, admin1_code, admin1) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
    INSERT INTO actor_pairs (actor, counterpart, day, events)
        SELECT x.actor, y.actor, x.sort_date, 1 FROM event_actors x JOIN event_actors y
        ON y.event_id = x.event_id AND y.rowid <> x.rowid WHERE x.event_id = NEW.event_id
        ON CONFLICT (actor, counterpart, day) DO UPDATE SET events = events + 1;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id = NEW.event_id GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
END;

CREATE TRIGGER events_api_counts_after_update
AFTER UPDATE OF event_date, admin1_code, admin1, admin2, fatalities_best, event_type, status ON events
BEGIN
    UPDATE store_counts SET count = count - 1 WHERE facet = 'events' AND value = '';
    UPDATE store_counts SET count = count - 1 WHERE facet = 'event_type' AND value = coalesce(OLD.event_type, '');
    UPDATE store_counts SET count = count - 1 WHERE facet = 'status' AND value = coalesce(OLD.status, '');
    UPDATE district_daily SET events = events - 1, fatalities = fatalities - coalesce(OLD.fatalities_best, 0)
        WHERE admin1_code = coalesce(OLD.admin1_code, '') AND admin1 = coalesce(OLD.admin1, '')
        AND admin2 = coalesce(OLD.admin2, '') AND day = coalesce(OLD.event_date, '');
    DELETE FROM district_daily WHERE events <= 0 AND admin1_code = coalesce(OLD.admin1_code, '')
        AND admin1 = coalesce(OLD.admin1, '') AND admin2 = coalesce(OLD.admin2, '') AND day = coalesce(OLD.event_date, '');
    DELETE FROM store_counts WHERE count <= 0 AND facet IN ('event_type', 'status');
    INSERT INTO store_counts (facet, value, count) VALUES ('events', '', 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO store_counts (facet, value, count) VALUES ('event_type', coalesce(NEW.event_type, ''), 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO store_counts (facet, value, count) VALUES ('status', coalesce(NEW.status, ''), 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO district_daily (admin1_code, admin1, admin2, day, events, fatalities)
        VALUES (coalesce(NEW.admin1_code, ''), coalesce(NEW.admin1, ''), coalesce(NEW.admin2, ''),
                coalesce(NEW.event_date, ''), 1, coalesce(NEW.fatalities_best, 0))
        ON CONFLICT (admin1_code, admin1, admin2, day) DO UPDATE
        SET events = events + 1, fatalities = fatalities + excluded.fatalities;
END;

-- Stances and source kinds of an event are recomputed from its remaining sources, so the
-- result is right whatever order cascaded deletes run in.
CREATE TRIGGER event_sources_api_after_insert AFTER INSERT ON event_sources BEGIN
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id = NEW.event_id GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = NEW.event_id);
    DELETE FROM event_stances WHERE event_id = NEW.event_id;
    INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
        SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
            coalesce(MAX(m.detained), 0)
        FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id
        WHERE es.event_id = NEW.event_id GROUP BY es.event_id, m.claim_stance;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id = NEW.event_id GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
    DELETE FROM event_source_kinds WHERE event_id = NEW.event_id;
    INSERT INTO event_source_kinds (event_id, source_kind, sources)
        SELECT es.event_id, d.source_kind, COUNT(*)
        FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id
        WHERE es.event_id = NEW.event_id GROUP BY es.event_id, d.source_kind;
END;

CREATE TRIGGER event_sources_api_after_delete AFTER DELETE ON event_sources BEGIN
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id = OLD.event_id GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id = OLD.event_id);
    DELETE FROM event_stances WHERE event_id = OLD.event_id;
    INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
        SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
            coalesce(MAX(m.detained), 0)
        FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id
        WHERE es.event_id = OLD.event_id GROUP BY es.event_id, m.claim_stance;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id = OLD.event_id GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
    DELETE FROM event_source_kinds WHERE event_id = OLD.event_id;
    INSERT INTO event_source_kinds (event_id, source_kind, sources)
        SELECT es.event_id, d.source_kind, COUNT(*)
        FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id
        WHERE es.event_id = OLD.event_id GROUP BY es.event_id, d.source_kind;
END;

CREATE TRIGGER event_sources_api_after_update AFTER UPDATE OF event_id, mention_id, doc_id ON event_sources BEGIN
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id IN (OLD.event_id, NEW.event_id) GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id IN (OLD.event_id, NEW.event_id));
    DELETE FROM event_stances WHERE event_id IN (OLD.event_id, NEW.event_id);
    INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
        SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
            coalesce(MAX(m.detained), 0)
        FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id
        WHERE es.event_id IN (OLD.event_id, NEW.event_id) GROUP BY es.event_id, m.claim_stance;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id IN (OLD.event_id, NEW.event_id) GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
    DELETE FROM event_source_kinds WHERE event_id IN (OLD.event_id, NEW.event_id);
    INSERT INTO event_source_kinds (event_id, source_kind, sources)
        SELECT es.event_id, d.source_kind, COUNT(*)
        FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id
        WHERE es.event_id IN (OLD.event_id, NEW.event_id) GROUP BY es.event_id, d.source_kind;
END;

CREATE TRIGGER mentions_api_after_update
AFTER UPDATE OF claim_stance, fatalities, injured, detained ON mentions
BEGIN
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id) GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id));
    DELETE FROM event_stances WHERE event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id);
    INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
        SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
            coalesce(MAX(m.detained), 0)
        FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id
        WHERE es.event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id) GROUP BY es.event_id, m.claim_stance;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id) GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
    DELETE FROM event_source_kinds WHERE event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id);
    INSERT INTO event_source_kinds (event_id, source_kind, sources)
        SELECT es.event_id, d.source_kind, COUNT(*)
        FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id
        WHERE es.event_id IN (SELECT event_id FROM event_sources WHERE mention_id = NEW.mention_id) GROUP BY es.event_id, d.source_kind;
END;

CREATE TRIGGER mentions_api_after_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO store_counts (facet, value, count) VALUES ('mentions', '', 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER mentions_api_after_delete AFTER DELETE ON mentions BEGIN
    UPDATE store_counts SET count = count - 1 WHERE facet = 'mentions' AND value = '';
END;

CREATE TRIGGER documents_api_counts_after_insert AFTER INSERT ON documents BEGIN
    INSERT INTO store_counts (facet, value, count) VALUES ('documents', '', 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    INSERT INTO store_counts (facet, value, count) VALUES ('source_kind', NEW.source_kind, 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER documents_api_counts_after_delete AFTER DELETE ON documents BEGIN
    UPDATE store_counts SET count = count - 1 WHERE facet = 'documents' AND value = '';
    UPDATE store_counts SET count = count - 1 WHERE facet = 'source_kind' AND value = OLD.source_kind;
    DELETE FROM store_counts WHERE count <= 0 AND facet = 'source_kind';
END;

CREATE TRIGGER documents_api_counts_after_update AFTER UPDATE OF source_kind ON documents BEGIN
    UPDATE store_counts SET count = count - 1 WHERE facet = 'source_kind' AND value = OLD.source_kind;
    INSERT INTO store_counts (facet, value, count) VALUES ('source_kind', NEW.source_kind, 1)
        ON CONFLICT (facet, value) DO UPDATE SET count = count + 1;
    DELETE FROM store_counts WHERE count <= 0 AND facet = 'source_kind';
    UPDATE actor_stances SET events = actor_stances.events - x.events, sources = actor_stances.sources - x.sources,
        fatalities = actor_stances.fatalities - x.fatalities, injured = actor_stances.injured - x.injured,
        detained = actor_stances.detained - x.detained
        FROM (SELECT a.actor, a.sort_date AS day, s.stance, COUNT(*) AS events, SUM(s.sources) AS sources,
              SUM(s.fatalities) AS fatalities, SUM(s.injured) AS injured, SUM(s.detained) AS detained
              FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
              WHERE a.event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id) GROUP BY 1, 2, 3) AS x
        WHERE actor_stances.actor = x.actor AND actor_stances.day = x.day AND actor_stances.stance = x.stance;
    DELETE FROM actor_stances WHERE events <= 0
        AND (actor, day) IN (SELECT actor, sort_date FROM event_actors WHERE event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id));
    DELETE FROM event_stances WHERE event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id);
    INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
        SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
            coalesce(MAX(m.detained), 0)
        FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id
        WHERE es.event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id) GROUP BY es.event_id, m.claim_stance;
    INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
        SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
            SUM(s.detained)
        FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id
        WHERE a.event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id) GROUP BY 1, 2, 3
        ON CONFLICT (actor, day, stance) DO UPDATE SET events = events + excluded.events,
            sources = sources + excluded.sources, fatalities = fatalities + excluded.fatalities,
            injured = injured + excluded.injured, detained = detained + excluded.detained;
    DELETE FROM event_source_kinds WHERE event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id);
    INSERT INTO event_source_kinds (event_id, source_kind, sources)
        SELECT es.event_id, d.source_kind, COUNT(*)
        FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id
        WHERE es.event_id IN (SELECT event_id FROM event_sources WHERE doc_id = NEW.doc_id) GROUP BY es.event_id, d.source_kind;
END;

-- Fill the derived tables from what is stored already.
INSERT INTO actor_daily (actor, day, admin1_code, admin1, events, fatalities)
    SELECT a.actor, a.sort_date, coalesce(e.admin1_code, ''), coalesce(e.admin1, ''), COUNT(*),
        TOTAL(coalesce(e.fatalities_best, 0))
    FROM event_actors a JOIN events e ON e.event_id = a.event_id GROUP BY 1, 2, 3, 4;
INSERT INTO actor_pairs (actor, counterpart, day, events)
    SELECT x.actor, y.actor, x.sort_date, COUNT(*) FROM event_actors x JOIN event_actors y
    ON y.event_id = x.event_id AND y.rowid <> x.rowid GROUP BY 1, 2, 3;
INSERT INTO event_stances (event_id, stance, sources, fatalities, injured, detained)
    SELECT es.event_id, m.claim_stance, COUNT(*), coalesce(MAX(m.fatalities), 0), coalesce(MAX(m.injured), 0),
        coalesce(MAX(m.detained), 0)
    FROM event_sources es JOIN mentions m ON m.mention_id = es.mention_id GROUP BY es.event_id, m.claim_stance;
INSERT INTO actor_stances (actor, day, stance, events, sources, fatalities, injured, detained)
    SELECT a.actor, a.sort_date, s.stance, COUNT(*), SUM(s.sources), SUM(s.fatalities), SUM(s.injured),
        SUM(s.detained)
    FROM event_actors a JOIN event_stances s ON s.event_id = a.event_id GROUP BY 1, 2, 3;
INSERT INTO event_source_kinds (event_id, source_kind, sources)
    SELECT es.event_id, d.source_kind, COUNT(*)
    FROM event_sources es JOIN documents d ON d.doc_id = es.doc_id GROUP BY es.event_id, d.source_kind;
INSERT INTO district_daily (admin1_code, admin1, admin2, day, events, fatalities)
    SELECT coalesce(admin1_code, ''), coalesce(admin1, ''), coalesce(admin2, ''), coalesce(event_date, ''),
        COUNT(*), TOTAL(coalesce(fatalities_best, 0))
    FROM events GROUP BY 1, 2, 3, 4;
INSERT INTO store_counts (facet, value, count) SELECT 'events', '', COUNT(*) FROM events;
INSERT INTO store_counts (facet, value, count) SELECT 'documents', '', COUNT(*) FROM documents;
INSERT INTO store_counts (facet, value, count) SELECT 'mentions', '', COUNT(*) FROM mentions;
INSERT INTO store_counts (facet, value, count)
    SELECT 'event_type', coalesce(event_type, ''), COUNT(*) FROM events GROUP BY 2;
INSERT INTO store_counts (facet, value, count)
    SELECT 'status', coalesce(status, ''), COUNT(*) FROM events GROUP BY 2;
INSERT INTO store_counts (facet, value, count)
    SELECT 'source_kind', coalesce(source_kind, ''), COUNT(*) FROM documents GROUP BY 2;
