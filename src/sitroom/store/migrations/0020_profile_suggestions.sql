-- 0020: actor-profile facts found in stored documents (sitroom.analyze.profile_facts), kept as
-- suggestions an analyst accepts into the actor's profile or rejects. Every decision is also an
-- audit_log row (entity 'profile_suggestion'). Re-running the step never repeats a fact: one row
-- per (actor, kind, document, span).
-- Portable SQL (SQLite and PostgreSQL): TEXT, INTEGER, ISO-8601 UTC text; JSON as TEXT.

CREATE TABLE profile_suggestions (
    suggestion_id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('leader', 'base', 'strength', 'alliance')),
    value TEXT NOT NULL,                 -- JSON object: the kind's values
    doc_id TEXT NOT NULL,
    span_start INTEGER NOT NULL,         -- the whole statement's span in the document's text
    span_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,              -- JSON object: value name -> [start, end]
    quote TEXT NOT NULL,                 -- the statement as written (text[span_start:span_end])
    pattern_id TEXT NOT NULL,
    extractor TEXT NOT NULL,             -- the pattern file's version, e.g. profile-facts-v1
    stated_on TEXT,                      -- the document's publication date
    status TEXT NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    why TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (actor_id, kind, doc_id, span_start, span_end)
);

CREATE INDEX profile_suggestions_actor ON profile_suggestions (actor_id, status);
CREATE INDEX profile_suggestions_doc ON profile_suggestions (doc_id);
