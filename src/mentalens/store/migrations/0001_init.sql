-- The first schema of the private store. Post text is stored redacted (store/redact.py); the raw
-- text only when the caller asked for it (keep_raw). text_hash is an HMAC-SHA256 of posted_at and
-- the raw text under meta.hmac_key, a random key of this store: a post is recognised when it is
-- added again, and nobody without the store can test a guessed text against the hash.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
INSERT INTO meta (key, value) VALUES ('hmac_key', randomblob(32));

CREATE TABLE subjects (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    post_key   TEXT NOT NULL,               -- the caller's id, else a prefix of text_hash
    key_given  INTEGER NOT NULL,            -- 1: post_key is the caller's id
    posted_at  TEXT NOT NULL,               -- ISO 8601, UTC
    posted_ts  REAL NOT NULL,               -- posted_at in seconds since the epoch, for ordering
    time_given INTEGER NOT NULL,            -- 0: posted_at is the time the post was added
    text       TEXT NOT NULL,               -- redacted
    raw_text   TEXT,                        -- NULL unless keep_raw
    text_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (subject_id, post_key)
);
CREATE UNIQUE INDEX posts_by_hash ON posts (subject_id, text_hash) WHERE key_given = 0;
CREATE INDEX posts_by_time ON posts (subject_id, posted_ts, id);

CREATE TABLE analyses (
    id             INTEGER PRIMARY KEY,
    post_id        INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    model_name     TEXT NOT NULL,
    model_version  TEXT NOT NULL,
    backend        TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    level          TEXT NOT NULL,
    risk           INTEGER NOT NULL,        -- index of level in schema.RISK_LEVELS
    scores         TEXT NOT NULL,           -- JSON {task: probability of the risk-side answer}
    result         TEXT NOT NULL,           -- the Result as JSON, redacted
    created_at     TEXT NOT NULL
);
CREATE INDEX analyses_by_post ON analyses (post_id);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    subject_id INTEGER NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    rule       TEXT NOT NULL,
    level      TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (post_id, rule)
);
CREATE INDEX alerts_by_subject ON alerts (subject_id);
