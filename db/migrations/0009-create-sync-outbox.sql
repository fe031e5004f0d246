-- Offline-first sync with the central server (sync/README.md). The desk keeps recording cases
-- while the server cannot be reached; what it did waits in an outbox and is pushed later, and
-- what others did (other desks, the department workflow) is pulled into the local cases.

-- The changes this desk made and the server has not acknowledged yet, oldest first (by id).
-- Written in the transaction that makes the change, so a case is never saved without it.
CREATE TABLE sync_outbox (
  -- AUTOINCREMENT: push order is id order, and an id must never be reused after an ack.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The uuid the server deduplicates on: a retry after a lost answer sends the same id, so the
  -- server applies the change at most once. Generated once, here, never again.
  change_id TEXT NOT NULL UNIQUE
    CHECK (length(change_id) = 36
      AND change_id GLOB '????????-????-????-????-????????????'
      AND change_id NOT GLOB '*[^0-9a-f-]*'),
  case_id INTEGER NOT NULL REFERENCES cases (id),
  -- 'fields' is for edits of a recorded case (not written yet by this desk, accepted already so
  -- that adding it needs no table rebuild).
  kind TEXT NOT NULL CHECK (kind IN ('create', 'fields', 'note')),
  -- note: {"text": …}; fields: the edited fields; create: {} because the create payload is
  -- built at push time from the case row (so it is never a stale copy of the case).
  payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  -- When the operator made the change (the protocol's clientAt).
  created_at TEXT NOT NULL
    CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  -- Pushes that came back rejected or deferred; for the operator and for support, not a limit.
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- 1: the server refused it for good. Kept, never dropped (it is the municipality's record);
  -- not pushed again until the operator retries.
  held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
  -- The server's reject code of the last attempt (sync/protocol.ts RejectCode).
  last_error TEXT
) STRICT;

-- Pending changes in push order, and the held count, without a sort or a scan.
CREATE INDEX sync_outbox_held_id ON sync_outbox (held, id);
-- The foreign key's index, and "does this case have a create row yet".
CREATE INDEX sync_outbox_case_id ON sync_outbox (case_id, kind);

-- Small facts about this desk's sync: its desk id, its provisional number prefix, the pull
-- cursor and the last successful sync. Key/value: each is read and written alone.
CREATE TABLE sync_meta (
  key TEXT PRIMARY KEY CHECK (key <> ''),
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Final application numbers the central server reserved for this desk, used before any
-- provisional number so that a citizen is told the number that stays. Numbers of a past year
-- can never be used (a number's year is the year the case was recorded) and are dropped lazily.
CREATE TABLE reserved_numbers (
  -- Canonical form (core/applicationNumber.ts formatApplicationNo).
  application_no TEXT PRIMARY KEY CHECK (application_no <> ''),
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  -- The number's sequence: "smallest first" must be numeric, and the text stops sorting like
  -- the number once a sequence outgrows its 7 padded digits.
  sequence INTEGER NOT NULL CHECK (sequence >= 1)
) STRICT, WITHOUT ROWID;

CREATE INDEX reserved_numbers_year_sequence ON reserved_numbers (year, sequence);

-- The version of the case on the server; null while the server has not confirmed the case (its
-- create is still in the outbox, or held). Never goes backwards.
ALTER TABLE cases ADD COLUMN server_version INTEGER CHECK (server_version >= 1);

-- application_sequences keeps counting this desk's own numbers, now the provisional ones
-- (desk prefix + year + sequence): the sequence only grows, so a number is never issued twice.

-- Every case recorded before this version exists only on this desk: queue its create now, in
-- the transaction that adds the outbox, so no case is ever left behind (a note appended later
-- must not come first). db/syncOutbox.ts enqueueMissingCreates does the same, idempotently.
-- The change id is a version 4 uuid from SQLite's randomness (sqlite3_randomness, a CSPRNG).
INSERT INTO sync_outbox (change_id, case_id, kind, payload, created_at)
SELECT
  lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
    || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)
    || '-' || hex(randomblob(6))),
  id, 'create', '{}', created_at
FROM cases
ORDER BY id;
