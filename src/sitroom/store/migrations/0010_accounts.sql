-- 0010: accounts and roles for the team server, login attempts (throttling), server secrets.
-- Portable SQL (SQLite and PostgreSQL): TEXT / INTEGER only, booleans as INTEGER 0/1, times as
-- ISO-8601 TEXT in UTC.

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,             -- stored case-folded
    role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'analyst', 'viewer')),
    password_hash TEXT NOT NULL,               -- argon2id encoded hash (argon2-cffi)
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    auth_version INTEGER NOT NULL DEFAULT 1,   -- raised on reset/disable: older sessions stop working
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per login attempt; throttling counts recent failures per account and per address.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    at TEXT NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX idx_login_attempts_username ON login_attempts(username, at);
CREATE INDEX idx_login_attempts_address ON login_attempts(address, at);

-- Secrets the server generates once and keeps (the session-signing key when no setting gives one).
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
