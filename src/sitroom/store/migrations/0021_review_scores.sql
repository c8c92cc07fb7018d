-- 0021: the review queue's scores stored and indexed, and the machine's values waiting beside a
-- reviewed event's (docs/review.md).
--
-- review_scores: each event's queue priority and per-field confidences, computed by the review
-- stage (sitroom.review.scores) and handed to the store; the queue page reads the top of an index
-- instead of scoring every waiting event per request. `status` is the event's review status,
-- kept in step by the store with every review change. review_score_pending: events whose score
-- is missing or stale (noted by the store with every write that changes an event, its sources
-- or its review); the review stage scores them and the store forgets the note if it was not
-- renewed meanwhile (`marks`).

CREATE TABLE review_scores (
    event_id TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'suggested',
    priority REAL NOT NULL,
    overall REAL NOT NULL,                       -- weighted mean of the field confidences
    confidence_event_type REAL NOT NULL,
    confidence_date REAL NOT NULL,
    confidence_place REAL NOT NULL,
    confidence_actors REAL NOT NULL,
    confidence_fatalities REAL NOT NULL,
    confidence_stance REAL NOT NULL,
    reasons TEXT NOT NULL DEFAULT '{}',          -- JSON: field group -> what its confidence rests on
    new_actors TEXT NOT NULL DEFAULT '[]',       -- JSON: actors no reviewed event named when scored
    fatalities INTEGER NOT NULL DEFAULT 0,       -- fatalities_high (else best, else 0), for sort=fatalities
    source_count INTEGER NOT NULL DEFAULT 0,
    scored_at TEXT NOT NULL
);
CREATE INDEX idx_review_scores_priority ON review_scores(status, priority DESC, overall, event_id);
CREATE INDEX idx_review_scores_overall ON review_scores(status, overall, priority DESC, event_id);
CREATE INDEX idx_review_scores_fatalities ON review_scores(status, fatalities DESC, priority DESC, event_id);
CREATE INDEX idx_review_scores_event_type ON review_scores(status, confidence_event_type, priority DESC, event_id);
CREATE INDEX idx_review_scores_date ON review_scores(status, confidence_date, priority DESC, event_id);
CREATE INDEX idx_review_scores_place ON review_scores(status, confidence_place, priority DESC, event_id);
CREATE INDEX idx_review_scores_actors ON review_scores(status, confidence_actors, priority DESC, event_id);
CREATE INDEX idx_review_scores_fatalities_conf ON review_scores(status, confidence_fatalities, priority DESC, event_id);
CREATE INDEX idx_review_scores_stance ON review_scores(status, confidence_stance, priority DESC, event_id);

CREATE TABLE review_score_pending (
    event_id TEXT PRIMARY KEY,
    marks INTEGER NOT NULL DEFAULT 1             -- raised by every new note; the scorer forgets only the count it read
);
-- Every event stored before 0021 is scored the first time the queue or a resolution runs.
INSERT INTO review_score_pending (event_id) SELECT event_id FROM events;

-- A reopened event keeps its reviewed values: the machine's differing values wait here (JSON:
-- field -> value) until a reviewer takes them (`accept_machine`) or keeps the reviewed ones
-- (`accept`, which remembers them in machine_seen so the same values do not reopen it again).
ALTER TABLE event_reviews ADD COLUMN review_pending TEXT;
ALTER TABLE event_reviews ADD COLUMN machine_seen TEXT;
