-- Call-backs (server/callbacks/): feedback operators call citizens back. `resolution`: a unit
-- resolved the case through the department workflow (written in the resolve action's
-- transaction, only when the case has a phone number); `requested`: a desk pushed the citizen's
-- request to be called at a given time (sync change `callback-request`).
CREATE TABLE callbacks (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL CHECK (kind IN ('resolution', 'requested')),
  -- When to call next: the worklist's order.
  due_at timestamptz NOT NULL,
  -- Unanswered calls so far; reaching max_attempts gives up. max_attempts is the configured
  -- CALLBACK_MAX_ATTEMPTS when the call-back was written.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'gave-up')),
  -- Who is calling: a claim lives until claimed_until (about ten minutes) and counts as free
  -- afterwards. Taken with one conditional UPDATE, so of two operators exactly one gets it.
  claimed_by bigint REFERENCES accounts (id),
  claimed_until timestamptz,
  -- The final outcome (informed, wrong-number, not-solved) or the last no-answer; every attempt
  -- is in callback_attempts.
  outcome text CHECK (outcome IN ('informed', 'no-answer', 'wrong-number', 'not-solved')),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  -- The last attempt's comment (personal data: never logged).
  comment text,
  -- What the citizen asked for (requested call-backs).
  note text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((claimed_by IS NULL) = (claimed_until IS NULL))
);
-- The worklist: open call-backs by due time.
CREATE INDEX callbacks_worklist ON callbacks (due_at, id) WHERE status = 'open';
-- Reports and the case's call-backs.
CREATE INDEX callbacks_case_id ON callbacks (case_id, kind);
-- One open resolution call-back per case: resolving a resolved case again adds none.
CREATE UNIQUE INDEX callbacks_one_open_resolution ON callbacks (case_id) WHERE kind = 'resolution' AND status = 'open';

-- Every outcome recorded, by whom and when (reports and audit); callbacks keeps the latest only.
CREATE TABLE callback_attempts (
  id bigserial PRIMARY KEY,
  callback_id bigint NOT NULL REFERENCES callbacks (id),
  account_id bigint NOT NULL REFERENCES accounts (id),
  at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('informed', 'no-answer', 'wrong-number', 'not-solved')),
  satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
  comment text
);
CREATE INDEX callback_attempts_callback_id ON callback_attempts (callback_id, id);
