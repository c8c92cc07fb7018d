-- 0014: `sitroom watch` state, so a restarted watcher neither re-fetches nor re-ingests.

-- One row per watched feed, page or followed feed entry: the validators for conditional requests and the last answer.
CREATE TABLE watch_targets (
    target TEXT PRIMARY KEY,                   -- the URL as given
    kind TEXT NOT NULL,                        -- 'feed', 'page', or 'entry' (an article a feed entry links to)
    etag TEXT,
    last_modified TEXT,
    content_sha256 TEXT,                       -- of the last body ingested
    last_checked TEXT,                         -- ISO datetime, UTC
    last_status TEXT,                          -- 'new', 'not-modified', 'unchanged', 'failed'
    last_error TEXT
);

-- Files a watched folder held when last looked at; a file is read again only when it changes.
CREATE TABLE watch_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    status TEXT NOT NULL                       -- the ingest outcome: 'stored', 'unchanged', 'failed', ...
);
