-- Version 2: a consultant signs off a reviewed session; the progress view looks sessions
-- up by person and date.
CREATE TABLE sign_offs (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    signed_at  TEXT NOT NULL
);

CREATE INDEX sessions_by_person ON sessions(person_label, created_at);
