-- Version 1: past sessions, their dimension scores, and consultant notes (kept apart from
-- the generated analysis, which stays in each session's session.json).
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,          -- ISO 8601 with offset, from the document
    language     TEXT,
    mode         TEXT,
    bank_id      TEXT,
    bank_title   TEXT,
    person_label TEXT,                   -- null for anonymous practice
    folder       TEXT NOT NULL,          -- relative to the data folder when inside it
    added_at     TEXT NOT NULL
);

CREATE TABLE dimension_scores (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    dimension  TEXT NOT NULL,            -- delivery, structure, content, language
    score      REAL,
    PRIMARY KEY (session_id, dimension)
);

CREATE TABLE notes (
    session_id   TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    answer_index INTEGER NOT NULL,       -- 0 = the note on the whole session
    text         TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (session_id, answer_index)
);
