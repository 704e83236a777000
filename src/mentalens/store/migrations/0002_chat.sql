-- Conversations of `mentalens chat` and the page's Talk tab, kept only when the person turns memory
-- on (chat/memory.py). The text is stored as typed: it is the person's own conversation, on their own
-- machine (encrypted when the store is). Deleting a session takes its turns with it (ON DELETE
-- CASCADE); the store then scrubs the file and its write-ahead log (Store.scrub).

CREATE TABLE chat_sessions (
    id          INTEGER PRIMARY KEY,
    session_key TEXT NOT NULL UNIQUE,       -- the conversation's id, as the chat names it
    created_at  TEXT NOT NULL,              -- ISO 8601, UTC
    updated_at  TEXT NOT NULL
);

CREATE TABLE chat_turns (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES chat_sessions (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    text       TEXT NOT NULL,
    level      TEXT,                        -- the turn's risk level (schema.RISK_LEVELS); NULL when none given
    created_at TEXT NOT NULL
);
CREATE INDEX chat_turns_by_session ON chat_turns (session_id, id);
