-- 0011: the review workflow: each event's review status and version, its version history, and
-- analysts' field corrections (kept as decisions and re-applied after every resolution).
-- Event ids are not foreign keys: resolution may replace an event id (merge, split, rebuild); the
-- review, its history and its corrections then follow the event's mentions (see store/reviews.py).

CREATE TABLE event_reviews (
    event_id TEXT PRIMARY KEY,
    status TEXT NOT NULL
        CHECK (status IN ('suggested', 'reviewed', 'finalised', 'rejected', 'sent_back')),
    version INTEGER NOT NULL,                  -- raised by every change; an edit names the one it saw
    members TEXT NOT NULL DEFAULT '[]',        -- JSON: the event's mention ids at its last change
    reviewed_fields TEXT,                      -- JSON: the coded fields as they were when accepted
    reviewed_by TEXT,
    reviewed_at TEXT,
    finalised_by TEXT,
    finalised_at TEXT,
    comment TEXT,                              -- the last send-back or reopen comment
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX idx_event_reviews_status ON event_reviews(status);

CREATE TABLE event_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,                      -- accept, finalise, correct, reject, send_back, reopen, merge, split
    why TEXT,
    before TEXT,                               -- JSON: status and the fields this change touched, before
    after TEXT                                 -- JSON: the same, after
);
CREATE INDEX idx_event_versions_event ON event_versions(event_id, id);

CREATE TABLE field_corrections (
    correction_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,                    -- the event when corrected (re-keyed when it is replaced)
    anchor_mentions TEXT NOT NULL DEFAULT '[]',-- JSON: its mention ids then, to find it again
    field TEXT NOT NULL,
    value TEXT,                                -- JSON value
    who TEXT NOT NULL,
    why TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    in_force INTEGER NOT NULL DEFAULT 1 CHECK (in_force IN (0, 1))  -- 0 once a later correction replaces it
);
CREATE INDEX idx_field_corrections_event ON field_corrections(event_id, field);
