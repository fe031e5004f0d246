CREATE TABLE cases (
  -- AUTOINCREMENT: a case id is referenced by its events and, later, by the sync outbox and
  -- the central server, so an id must never be handed out twice.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- Null when the call had no caller number (or the case was typed in without a call).
  citizen_id INTEGER REFERENCES citizens (id),
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('resolved', 'forwarded')),
  -- Phone and name as the operator recorded them on this case; the citizen row may change later.
  phone TEXT,
  citizen_name TEXT,
  -- Asterisk Linkedid of the call the case came from.
  linkedid TEXT,
  created_at TEXT NOT NULL
    CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- A caller's history, newest first, without a sort step; also the index the foreign key
-- needs so that touching a citizen does not scan every case.
CREATE INDEX cases_citizen_id_created_at ON cases (citizen_id, created_at DESC, id DESC);

-- The operator's recent cases list, newest first.
CREATE INDEX cases_created_at ON cases (created_at DESC, id DESC);
