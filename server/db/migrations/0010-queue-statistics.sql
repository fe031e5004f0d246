-- Queue statistics (server/queueStats/): what the collector learns from the PBX over AMI, call by
-- call and agent state by agent state, and the rollups the reports read.
--
-- Reports never scan the calls: a year at a large center is ~36 M calls, and a month by
-- 15-minute intervals must answer in well under a second. Every fact updates, in the same
-- transaction, the 15-minute row of the call's queue (queue_stats_15m) and the agent's day
-- (agent_day, agent_state_day); 30- and 60-minute and day intervals are sums of 15-minute rows,
-- since Istanbul is UTC+3 all year and its quarter hours are UTC quarter hours. A call counts in
-- the quarter hour it entered the queue, whatever it became later (a cohort, as the monthly
-- report counts cases).

-- One row per queue call: written when the caller joins, completed as it goes.
CREATE TABLE queue_calls (
  id bigserial PRIMARY KEY,
  -- The PBX it came from (SERVER_AMI_URL's host:port): Uniqueids are only unique per PBX.
  pbx text NOT NULL,
  queue text NOT NULL,
  uniqueid text NOT NULL,
  -- The same on every leg of the call: what a case's linkedid matches.
  linkedid text,
  -- Personal data (KVKK): reports show counts, the call list is for team leads only.
  caller_number text NOT NULL,
  caller_name text NOT NULL,
  entered_at timestamptz NOT NULL,
  -- Position on joining; 0 when the collector learnt of the call after it joined.
  position integer NOT NULL,
  -- Null while the caller waits.
  outcome text CHECK (outcome IN ('answered', 'abandoned', 'timedOut', 'leftEmpty', 'unknown')),
  left_at timestamptz,
  wait_sec double precision,
  in_service_level boolean,
  agent text,
  agent_name text,
  ring_no_answers integer NOT NULL DEFAULT 0,
  talk_sec integer,
  -- AgentComplete's Reason: caller, agent or transfer.
  end_reason text,
  completed_at timestamptz
);
-- At most one open (waiting) row per caller channel and queue: a collector restarted while the
-- caller waits finds its row again instead of counting the call twice.
CREATE UNIQUE INDEX queue_calls_waiting ON queue_calls (pbx, queue, uniqueid) WHERE outcome IS NULL;
-- An answered call until AgentComplete.
CREATE INDEX queue_calls_talking ON queue_calls (pbx, queue, uniqueid) WHERE outcome = 'answered' AND completed_at IS NULL;
CREATE INDEX queue_calls_entered ON queue_calls (entered_at);
CREATE INDEX queue_calls_linkedid ON queue_calls (linkedid) WHERE linkedid IS NOT NULL;
-- Repeat calls: did this number call in the 7 days before (case-aware wallboard).
CREATE INDEX queue_calls_caller ON queue_calls (caller_number, entered_at);

-- Sums per queue and quarter hour (by the calls' entry). Waits are seconds.
CREATE TABLE queue_stats_15m (
  pbx text NOT NULL,
  queue text NOT NULL,
  start timestamptz NOT NULL,
  offered integer NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  answered_in_sl integer NOT NULL DEFAULT 0,
  answered_wait_sec double precision NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  abandoned_in_sl integer NOT NULL DEFAULT 0,
  abandoned_wait_sec double precision NOT NULL DEFAULT 0,
  -- Left without an agent and without hanging up: the queue's timeout, or (left_empty, a part of
  -- timed_out) no member who could answer.
  timed_out integer NOT NULL DEFAULT 0,
  timed_out_in_sl integer NOT NULL DEFAULT 0,
  timed_out_wait_sec double precision NOT NULL DEFAULT 0,
  left_empty integer NOT NULL DEFAULT 0,
  -- Ended while the collector could not see the PBX.
  unknown integer NOT NULL DEFAULT 0,
  max_wait_sec double precision NOT NULL DEFAULT 0,
  completed integer NOT NULL DEFAULT 0,
  talk_sec double precision NOT NULL DEFAULT 0,
  transferred integer NOT NULL DEFAULT 0,
  ring_no_answers integer NOT NULL DEFAULT 0,
  -- Abandoned calls by how long they waited: < 10 s, 10–30, 30–60, 60–120, ≥ 120.
  abandoned_by_wait integer[] NOT NULL DEFAULT '{0,0,0,0,0}',
  PRIMARY KEY (start, queue, pbx)
);

-- Every agent state as an interval (one state per agent, as the agents table shows it) and, with
-- state 'member', each queue membership (logged in to that queue).
CREATE TABLE agent_intervals (
  id bigserial PRIMARY KEY,
  pbx text NOT NULL,
  agent text NOT NULL,
  agent_name text NOT NULL,
  state text NOT NULL CHECK (state IN ('available', 'ringing', 'on-call', 'paused', 'wrap-up', 'member')),
  reason text NOT NULL DEFAULT '',
  queue text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  CHECK (ended_at >= started_at)
);
CREATE INDEX agent_intervals_agent ON agent_intervals (agent, started_at);

-- Per agent and Istanbul day: seconds in each state (paused per reason), split at midnight.
CREATE TABLE agent_state_day (
  pbx text NOT NULL,
  agent text NOT NULL,
  day date NOT NULL,
  state text NOT NULL,
  reason text NOT NULL,
  seconds double precision NOT NULL DEFAULT 0,
  -- The member name as last seen, so a report names its agents from this table alone.
  agent_name text NOT NULL DEFAULT '',
  PRIMARY KEY (day, agent, pbx, state, reason)
);

-- Per agent and Istanbul day: the calls it answered (by when they were answered).
CREATE TABLE agent_day (
  pbx text NOT NULL,
  agent text NOT NULL,
  day date NOT NULL,
  agent_name text NOT NULL,
  answered integer NOT NULL DEFAULT 0,
  completed integer NOT NULL DEFAULT 0,
  talk_sec double precision NOT NULL DEFAULT 0,
  ring_no_answers integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agent, pbx)
);

-- Spans the collector did not see the PBX (link lost, server down): the reports name them.
CREATE TABLE collector_gaps (
  id bigserial PRIMARY KEY,
  pbx text NOT NULL,
  from_at timestamptz NOT NULL,
  -- Null while it lasts.
  to_at timestamptz,
  reason text NOT NULL CHECK (reason IN ('link-lost', 'collector-down'))
);
CREATE INDEX collector_gaps_span ON collector_gaps (from_at);
CREATE UNIQUE INDEX collector_gaps_open ON collector_gaps (pbx) WHERE to_at IS NULL;

-- The last instant each PBX's collector was known to be watching (written with every batch), so
-- a server that was down can say from when.
CREATE TABLE collector_state (
  pbx text PRIMARY KEY,
  -- Its first batch ever: figures before it are not missing, there were none (live figures'
  -- countingSince).
  collecting_since timestamptz NOT NULL,
  alive_at timestamptz NOT NULL
);

-- The case-aware wallboard (queueStats/caseFigures.ts) reads today's and last week's cases by
-- creation time, and the units' open cases, every half minute: neither may scan every case.
CREATE INDEX cases_created_at ON cases (created_at);
CREATE INDEX cases_open_by_unit ON cases (unit_code) WHERE status NOT IN ('resolved', 'closed', 'rejected');
