-- Citizens ask to be called back at a given time (issue 7): the desk records the request as a
-- change of its own kind, 'callback-request' ({"dueAt": …, "note": …}), pushed like the others.
-- A CHECK list cannot be widened in place, so the outbox is rebuilt (create, copy, drop,
-- rename); ids are kept, and with them the push order and the AUTOINCREMENT high-water mark.
CREATE TABLE sync_outbox_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE
    CHECK (length(change_id) = 36
      AND change_id GLOB '????????-????-????-????-????????????'
      AND change_id NOT GLOB '*[^0-9a-f-]*'),
  case_id INTEGER NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL CHECK (kind IN ('create', 'fields', 'note', 'callback-request')),
  payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload) AND json_type(payload) = 'object'),
  created_at TEXT NOT NULL
    CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
  last_error TEXT
) STRICT;

INSERT INTO sync_outbox_new (id, change_id, case_id, kind, payload, created_at, attempts, held, last_error)
  SELECT id, change_id, case_id, kind, payload, created_at, attempts, held, last_error FROM sync_outbox;

INSERT INTO sqlite_sequence (name, seq)
  SELECT 'sync_outbox_new', seq FROM sqlite_sequence WHERE name = 'sync_outbox'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'sync_outbox_new');
UPDATE sqlite_sequence
  SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('sync_outbox', 'sync_outbox_new'))
  WHERE name = 'sync_outbox_new';

DROP TABLE sync_outbox;
ALTER TABLE sync_outbox_new RENAME TO sync_outbox;

CREATE INDEX sync_outbox_held_id ON sync_outbox (held, id);
CREATE INDEX sync_outbox_case_id ON sync_outbox (case_id, kind);
