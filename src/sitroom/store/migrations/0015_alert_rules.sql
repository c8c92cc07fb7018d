-- 0015: alert rules an analyst defines. Every create and change is also an audit_log row
-- (entity 'alert_rule'), so who made a rule and who changed what stays on record.
-- Portable SQL (SQLite and PostgreSQL): TEXT, INTEGER, booleans as INTEGER 0/1, ISO-8601 UTC text.

CREATE TABLE alert_rules (
    rule_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                        -- one of sitroom.analyze.alert_rules.RULE_KINDS
    params TEXT NOT NULL DEFAULT '{}',         -- JSON object: the kind's parameters (province, days ...)
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
