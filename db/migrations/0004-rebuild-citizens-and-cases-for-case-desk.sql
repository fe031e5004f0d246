-- The case desk: application numbers, catalogue fields, the full status workflow, T.C. kimlik
-- no and address. A status CHECK cannot be widened in place, so citizens and cases are rebuilt
-- (create, copy, drop, rename; migrate() runs with foreign keys off and checks them before
-- commit). Ids are kept, so case_events and everything else that points at a case still does.
-- fold_tr, phone_search_key, istanbul_year and application_no come from registerSqlFunctions.

-- Citizens -----------------------------------------------------------------------------------

-- One row per phone number, whatever shape it was typed in: 0532…, 90532… and +90 532… are the
-- same caller, so the key is the 10-digit national number (other numbers: their digits).
CREATE TABLE citizens_new (
  id INTEGER PRIMARY KEY,
  -- The number as first recorded.
  phone TEXT NOT NULL,
  phone_key TEXT NOT NULL UNIQUE CHECK (phone_key <> '' AND phone_key NOT GLOB '*[^0-9]*'),
  name TEXT,
  tc_kimlik_no TEXT CHECK (tc_kimlik_no GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  -- core/case.ts Address as JSON: read and written whole, never queried by part.
  address TEXT CHECK (json_valid(address)),
  created_at TEXT NOT NULL
    CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  updated_at TEXT NOT NULL
    CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- Before this version 0532… and 90532… could be two citizens; they become one, the oldest row,
-- with the newest name anyone recorded. Their cases follow (citizen_merge below).
CREATE TEMP TABLE citizen_merge AS
  WITH keyed AS (
    SELECT id, phone, name, created_at, updated_at,
      coalesce(phone_search_key(phone), phone) AS phone_key
    FROM citizens
  )
  SELECT id AS old_id, phone_key,
    min(id) OVER same_key AS keep_id,
    first_value(phone) OVER (PARTITION BY phone_key ORDER BY id) AS phone,
    first_value(name) OVER (
      PARTITION BY phone_key ORDER BY name IS NULL, updated_at DESC, id DESC) AS name,
    min(created_at) OVER same_key AS created_at,
    max(updated_at) OVER same_key AS updated_at
  FROM keyed
  WINDOW same_key AS (PARTITION BY phone_key);
CREATE INDEX temp.citizen_merge_old_id ON citizen_merge (old_id);

INSERT INTO citizens_new (id, phone, phone_key, name, created_at, updated_at)
  SELECT keep_id, phone, phone_key, name, created_at, updated_at
  FROM temp.citizen_merge WHERE old_id = keep_id;

-- Cases --------------------------------------------------------------------------------------

CREATE TABLE cases_new (
  -- AUTOINCREMENT: a case id is referenced by its events and, later, by the sync outbox and
  -- the central server, so an id must never be handed out twice.
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- What the citizen is told and quotes back: year-sequence-check digit (core/applicationNumber.ts).
  application_no TEXT NOT NULL UNIQUE,
  -- salt$hash (scrypt) of the code given to the citizen; the code itself is never stored.
  -- Null for cases recorded before security codes existed.
  security_code_hash TEXT CHECK (security_code_hash GLOB '?*$?*'),
  -- Null when the call had no caller number (or the case was typed in without a call).
  citizen_id INTEGER REFERENCES citizens (id),
  type TEXT NOT NULL
    CHECK (type IN ('complaint', 'request', 'suggestion', 'information', 'thanks')),
  -- The catalogue subject; null when the operator typed a subject the catalogue lacks.
  subject_code TEXT,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  -- Left open (no CHECK list) unlike status and type: new channels come as the municipality
  -- opens them, and widening a CHECK means rebuilding this table.
  channel TEXT NOT NULL CHECK (channel <> ''),
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  confidential INTEGER NOT NULL CHECK (confidential IN (0, 1)),
  urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
  status TEXT NOT NULL CHECK (
    status IN ('new', 'forwarded', 'in-progress', 'resolved', 'closed', 'reopened', 'rejected')),
  unit_code TEXT,
  resolution TEXT,
  first_contact_resolution INTEGER NOT NULL CHECK (first_contact_resolution IN (0, 1)),
  -- Phone, name, T.C. kimlik no and address as the operator recorded them on this case; the
  -- citizen row may change later.
  phone TEXT,
  citizen_name TEXT,
  tc_kimlik_no TEXT CHECK (tc_kimlik_no GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  address TEXT CHECK (json_valid(address)),
  -- Asterisk Linkedid of the call the case came from.
  linkedid TEXT,
  -- The draft the case was written in: a late autosave of that draft must not bring it back.
  draft_id TEXT,
  created_at TEXT NOT NULL
    CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  updated_at TEXT NOT NULL
    CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  -- Null: no SLA (the subject has no resolution time).
  due_at TEXT
    CHECK (due_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- Old statuses: 'resolved' meant answered on the call, which is now 'closed' with first-contact
-- resolution; 'forwarded' keeps its meaning. Numbers are handed out per Istanbul year in the
-- order the cases were recorded.
INSERT INTO cases_new (
  id, application_no, citizen_id, type, subject, description, channel, priority, confidential,
  urgent, status, first_contact_resolution, phone, citizen_name, linkedid, created_at,
  updated_at)
SELECT
  id,
  application_no(year, row_number() OVER (PARTITION BY year ORDER BY created_at, id)),
  (SELECT keep_id FROM temp.citizen_merge WHERE old_id = previous.citizen_id),
  'request', subject, description, 'phone', 'normal', 0, 0,
  CASE status WHEN 'resolved' THEN 'closed' ELSE status END,
  status = 'resolved',
  phone, citizen_name, linkedid, created_at, created_at
FROM (SELECT *, istanbul_year(created_at) AS year FROM cases) AS previous;

-- The application-number sequence of each year, continued by insertCase in its transaction.
CREATE TABLE application_sequences (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  last_sequence INTEGER NOT NULL CHECK (last_sequence >= 1)
) STRICT;

INSERT INTO application_sequences (year, last_sequence)
  SELECT istanbul_year(created_at), count(*) FROM cases GROUP BY 1;

-- Keep the AUTOINCREMENT high-water mark: ids of deleted cases stay used.
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'cases_new', seq FROM sqlite_sequence WHERE name = 'cases'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'cases_new');
UPDATE sqlite_sequence
  SET seq = (SELECT max(seq) FROM sqlite_sequence WHERE name IN ('cases', 'cases_new'))
  WHERE name = 'cases_new';

DROP TABLE cases;
DROP TABLE citizens;
DROP TABLE temp.citizen_merge;
ALTER TABLE citizens_new RENAME TO citizens;
ALTER TABLE cases_new RENAME TO cases;

-- Indexes ------------------------------------------------------------------------------------

-- A caller's history, newest first, without a sort step; also the index the foreign key
-- needs so that touching a citizen does not scan every case.
CREATE INDEX cases_citizen_id_created_at ON cases (citizen_id, created_at DESC, id DESC);

-- The operator's recent cases list, newest first; date-range searches.
CREATE INDEX cases_created_at ON cases (created_at DESC, id DESC);

-- Exact search by T.C. kimlik no (most cases have none).
CREATE INDEX cases_tc_kimlik_no ON cases (tc_kimlik_no, id) WHERE tc_kimlik_no IS NOT NULL;

-- Search filters. A one-column index also orders its entries by id, which is the order search
-- results come in (newest recorded first), so a filtered page is read without sorting.
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_unit_code ON cases (unit_code) WHERE unit_code IS NOT NULL;
CREATE INDEX cases_subject_code ON cases (subject_code) WHERE subject_code IS NOT NULL;
CREATE INDEX cases_channel ON cases (channel);

-- The SLA filter: open cases by due time (overdue, due soon). The WHERE must stay word for word
-- the open-status list of caseRows.ts (OPEN_STATUSES), or the planner cannot use this index;
-- status leads so that it is always a better match than cases_status.
CREATE INDEX cases_open_due_at ON cases (status, due_at)
  WHERE status IN ('new', 'forwarded', 'in-progress', 'reopened');

-- At most one case per draft.
CREATE UNIQUE INDEX cases_draft_id ON cases (draft_id) WHERE draft_id IS NOT NULL;
