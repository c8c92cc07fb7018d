-- 0022: actor_daily and district_daily by province. The actors list filtered by dates and a province
-- (`/api/v1/actors?admin1=AF-KAB&start_date=...`) matches `admin1_code = ? COLLATE NOCASE OR
-- admin1 = ? COLLATE NOCASE`; with only the (actor, day) keys PostgreSQL scanned the whole table,
-- comparing every row under the ICU collation (315 ms p95 at 100,000 events). One index per side
-- of the OR, each ending in the day, gives a bitmap OR of two index range scans on PostgreSQL and
-- a multi-index OR on SQLite (docs/team_server.md has the plans and figures).

CREATE INDEX idx_actor_daily_admin1_code ON actor_daily(admin1_code COLLATE NOCASE, day);
CREATE INDEX idx_actor_daily_admin1 ON actor_daily(admin1 COLLATE NOCASE, day);

-- The same for district_daily: the districts of one province (`/places/provinces/AF-PAN/districts`)
-- scanned the whole table under the ICU collation on PostgreSQL (124 ms p50 at 1,000,000 events);
-- its primary key starts with admin1_code in the default collation, which `= ? COLLATE NOCASE`
-- cannot use.
CREATE INDEX idx_district_daily_admin1_code ON district_daily(admin1_code COLLATE NOCASE, day);
CREATE INDEX idx_district_daily_admin1 ON district_daily(admin1 COLLATE NOCASE, day);
