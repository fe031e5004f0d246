-- Department workflow (server/workflow/): who in the unit works the case. Kept as a column, not
-- in `fields`, because it belongs to the server (like status and unit) and desks do not carry it.
ALTER TABLE cases ADD COLUMN assignee text CHECK (assignee IS NULL OR assignee <> '');

-- A unit's inbox: its cases, newest first, optionally by status.
CREATE INDEX cases_unit_inbox ON cases (unit_code, status, created_at DESC);
