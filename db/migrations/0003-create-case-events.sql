-- The audit trail of a case. Rows are only ever appended: what happened to a case is evidence
-- for the municipality, so corrections are new events, never edits.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at TEXT NOT NULL
    CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  actor TEXT NOT NULL CHECK (actor <> ''),
  -- Left open (no CHECK list): new kinds will come with the department workflow, and widening
  -- a CHECK means rebuilding a table whose rows may not be touched.
  kind TEXT NOT NULL CHECK (kind <> ''),
  detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

CREATE INDEX case_events_case_id ON case_events (case_id, id);

CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only: DELETE is not allowed');
END;
