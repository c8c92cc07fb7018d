-- 0023: all-time totals per actor and per district, kept by the read model like the daily rollups.
-- The actors list and the events per district with no dates summed every row of actor_daily /
-- district_daily (one per actor or district and day): at 1,000,000 events 146 ms p50 on SQLite
-- for the actors and 117 ms on PostgreSQL for the districts, growing with the days covered. The
-- totals have one row per actor or district; a dated query still reads the daily rollups.

CREATE TABLE actor_totals (
    actor TEXT NOT NULL PRIMARY KEY,
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL
);

CREATE TABLE district_totals (
    admin1_code TEXT NOT NULL,                 -- '' when unknown
    admin1 TEXT NOT NULL,                      -- '' when unknown
    admin2 TEXT NOT NULL,                      -- '' when unknown
    events INTEGER NOT NULL,
    fatalities INTEGER NOT NULL,
    PRIMARY KEY (admin1_code, admin1, admin2)
);

INSERT INTO actor_totals (actor, events, fatalities)
    SELECT actor, SUM(events), SUM(fatalities) FROM actor_daily GROUP BY actor;
INSERT INTO district_totals (admin1_code, admin1, admin2, events, fatalities)
    SELECT admin1_code, admin1, admin2, SUM(events), SUM(fatalities) FROM district_daily
    GROUP BY admin1_code, admin1, admin2;
