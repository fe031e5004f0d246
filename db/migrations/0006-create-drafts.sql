-- The case form as the operator is typing it, saved continuously so that a crash or a closed
-- window loses nothing. Deleted in the transaction that saves the case.
CREATE TABLE drafts (
  draft_id TEXT PRIMARY KEY CHECK (draft_id <> ''),
  -- The renderer's serialized form state; opaque here.
  content TEXT NOT NULL,
  -- The call the draft was started on, if any.
  linkedid TEXT,
  saved_at TEXT NOT NULL
    CHECK (saved_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

CREATE INDEX drafts_saved_at ON drafts (saved_at DESC);
