-- 0013: preserved evidence (Berkeley Protocol): what was acquired, how, when and by whom,
-- the chain of custody of each preserved source, and where each document's text begins a page.
-- The raw bytes live in a content-addressed folder (docs/collect.md); rows name them by SHA-256.

-- Offsets in documents.text where each page begins (JSON list; '[]' when the source has no pages).
ALTER TABLE documents ADD COLUMN page_starts TEXT NOT NULL DEFAULT '[]';

-- One row per distinct (source, bytes): a file or URL as acquired.
CREATE TABLE evidence_sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,                      -- the path or URL as given
    sha256 TEXT NOT NULL,                      -- content address of the raw bytes
    size BIGINT NOT NULL,
    media_type TEXT,                           -- HTTP Content-Type, or guessed from the extension
    method TEXT NOT NULL,                      -- 'file', 'http', 'watch-file', 'watch-http'
    retrieved_at TEXT NOT NULL,                -- ISO datetime, UTC: when sitroom read the bytes
    tool TEXT NOT NULL,                        -- sitroom version and the libraries that read it
    operator TEXT NOT NULL,                    -- the analyst who ran the acquisition
    final_url TEXT,                            -- after redirects (HTTP only)
    http_status INTEGER,
    redirects TEXT NOT NULL DEFAULT '[]',      -- JSON list of [status, location] hops
    response_headers TEXT NOT NULL DEFAULT '{}', -- JSON object (HTTP only)
    warc_sha256 TEXT,                          -- content address of the WARC record of the exchange
    file_modified TEXT,                        -- the file's mtime (files only), for the record
    run_id INTEGER REFERENCES ingest_runs(id),
    UNIQUE (source, sha256)
);
CREATE INDEX idx_evidence_sources_sha256 ON evidence_sources(sha256);

-- Which preserved source each document was read from.
CREATE TABLE evidence_documents (
    doc_id TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES evidence_sources(id),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, source_id)
);
CREATE INDEX idx_evidence_documents_source ON evidence_documents(source_id);

-- Chain of custody: every acquisition, re-acquisition, verification and serving of a source.
CREATE TABLE custody_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id INTEGER NOT NULL REFERENCES evidence_sources(id),
    at TEXT NOT NULL,                          -- ISO datetime, UTC
    action TEXT NOT NULL,                      -- 'acquired', 'reacquired', 'verified', 'verify-failed'
    who TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'          -- JSON object: what was checked and found
);
CREATE INDEX idx_custody_log_source ON custody_log(source_id, id);
