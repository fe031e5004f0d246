-- Which desk owns each provisional-number prefix (core/applicationNumber.ts `D7KQ2M-2026-…`).
-- A desk draws its prefix once, at random, and keeps it with its desk id (db/syncMeta.ts); the
-- server learns it from the desk's first provisional create and from then on takes creates
-- under that prefix from that desk id only (server/sync/admission.ts), so no one else can use
-- a number the desk may already have given a citizen.
CREATE TABLE desk_prefixes (
  prefix text PRIMARY KEY CHECK (prefix ~ '^[A-Z][A-Z0-9]{0,7}$'),
  desk_id text NOT NULL CHECK (desk_id <> ''),
  bound_at timestamptz NOT NULL
);

-- Prefixes already in use: each belongs to the desk whose create used it first.
INSERT INTO desk_prefixes (prefix, desk_id, bound_at)
SELECT DISTINCT ON (split_part(c.application_no, '-', 1))
       split_part(c.application_no, '-', 1), l.desk_id, l.at
  FROM change_log l JOIN cases c ON c.id = l.case_id
 WHERE l.kind = 'create' AND coalesce(l.desk_id, '') <> ''
   AND c.application_no ~ '^[A-Z][A-Z0-9]{0,7}-[0-9]{4}-[0-9]{7,}-[0-9]$'
 ORDER BY split_part(c.application_no, '-', 1), l.seq;
