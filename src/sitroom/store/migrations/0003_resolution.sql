-- 0003: same-event resolution: which links the resolver made, analyst decisions, merge explanations.

-- NULL while a link is provisional (made at ingest, one event per mention) or its mention changed
-- since; the resolver's run time once resolution placed the mention in the event.
ALTER TABLE event_sources ADD COLUMN resolved_at TEXT;

CREATE TABLE decisions (
    decision_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'move', 'undo')),
    who TEXT NOT NULL,
    why TEXT NOT NULL,
    decided_at TEXT NOT NULL,                  -- ISO datetime, UTC
    record TEXT NOT NULL,                      -- JSON: the decision as Decision.to_record() gives it
    problem TEXT                               -- why the last resolution could not apply it; NULL: applied
);

CREATE TABLE merge_explanations (
    mention_a TEXT NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    mention_b TEXT NOT NULL REFERENCES mentions(mention_id) ON DELETE CASCADE,
    event_id TEXT,                             -- the event of mention_a after the last resolution
    score REAL NOT NULL,
    threshold REAL NOT NULL,
    decision TEXT NOT NULL,                    -- 'merged', 'same-cluster' or 'guard-rejected'
    reason TEXT NOT NULL DEFAULT '',
    features TEXT NOT NULL DEFAULT '[]',       -- JSON list of {name, value, weight, detail}
    resolver TEXT NOT NULL DEFAULT '',         -- resolution settings version, e.g. resolve-v1
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (mention_a, mention_b)
);

CREATE INDEX idx_decisions_decided_at ON decisions(decided_at, decision_id);
CREATE INDEX idx_merge_explanations_event_id ON merge_explanations(event_id);
CREATE INDEX idx_merge_explanations_mention_b ON merge_explanations(mention_b);
CREATE INDEX idx_event_sources_unresolved ON event_sources(resolved_at) WHERE resolved_at IS NULL;
