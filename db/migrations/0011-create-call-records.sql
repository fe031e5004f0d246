-- The calls cases came from (issue 7): screen-pop, case and call record are one, joined by the
-- Asterisk Linkedid the case carries. Written by the host when the call ends; a case saved
-- during the call finds its record afterwards by the same key.
CREATE TABLE call_records (
  linkedid TEXT PRIMARY KEY CHECK (linkedid <> ''),
  -- 'softphone' for a call only the softphone saw (no AMI call matched its INVITE).
  queue TEXT NOT NULL,
  caller_number TEXT NOT NULL,
  agent_interface TEXT NOT NULL,
  ringing_at TEXT NOT NULL
    CHECK (ringing_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  -- Null: the agent never answered (rang out, the caller gave up).
  answered_at TEXT
    CHECK (answered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  ended_at TEXT NOT NULL
    CHECK (ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'),
  -- Seconds in the queue before this agent answered (Asterisk's HoldTime) and of conversation.
  queue_wait_sec REAL CHECK (queue_wait_sec >= 0),
  talk_sec REAL CHECK (talk_sec >= 0)
) STRICT, WITHOUT ROWID;
