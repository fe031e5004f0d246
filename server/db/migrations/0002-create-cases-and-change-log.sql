-- The server's copy of every case: the system of record (db/ holds each desktop's copy).
CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  -- What the citizen quotes back; a desk's provisional number until a final one is given.
  application_no text NOT NULL UNIQUE,
  -- salt$hash (scrypt) as the desk computed it; the code itself never reaches the server.
  security_code_hash text,
  status text NOT NULL
    CHECK (status IN ('new', 'forwarded', 'in-progress', 'resolved', 'closed', 'reopened', 'rejected')),
  -- No foreign key: desks route to catalogue units the server may learn about later.
  unit_code text,
  confidential boolean NOT NULL,
  -- Every other case field (sync/protocol.ts ServerCase minus the columns above), merged field
  -- by field; kept as one document because the server never filters on them.
  fields jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Goes up by one per applied change: desks and the department page detect stale copies.
  version integer NOT NULL CHECK (version >= 1)
);
CREATE INDEX cases_unit_code ON cases (unit_code);

-- Append-only history: every applied change, with old and new values (the conflict rule keeps
-- what a later change overwrote).
CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  kind text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX case_events_case_id ON case_events (case_id, id);

-- Idempotency: a desk's change id is recorded in the transaction that applies it, so the same
-- change arriving twice (a retried batch, two instances) is applied once.
CREATE TABLE applied_changes (
  change_id uuid PRIMARY KEY,
  desk_id text NOT NULL,
  -- Null while the change is being applied: the id is claimed first (INSERT … ON CONFLICT DO
  -- NOTHING), so a concurrent copy of the same change waits for this one instead of racing it.
  case_id bigint REFERENCES cases (id),
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- The pull feed. seq is the cursor, and a reader must never see seq 8 committed while seq 7 is
-- still invisible, or it would move its cursor past 7 and never get it. A plain sequence
-- (bigserial) hands out numbers at INSERT time, before commit, so two transactions may commit in
-- the opposite order of their numbers, and a rolled-back one leaves a hole. Instead every writer
-- takes its numbers from the single row of change_log_head with UPDATE … RETURNING as its last
-- step: the row lock is held until commit, so the next writer gets its numbers only after this
-- one has committed (or rolled back, which also returns its numbers). Numbers are therefore
-- committed in order and without holes; readers need no lock at all.
CREATE TABLE change_log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_seq bigint NOT NULL CHECK (last_seq >= 0)
);
INSERT INTO change_log_head (id, last_seq) VALUES (true, 0);

CREATE TABLE change_log (
  seq bigint PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  change_id uuid,
  desk_id text,
  kind text NOT NULL CHECK (kind IN ('create', 'fields', 'note', 'workflow')),
  detail jsonb NOT NULL,
  -- The case after this change, as desks receive it (sync/protocol.ts ServerCase).
  snapshot jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_case_id ON change_log (case_id);
