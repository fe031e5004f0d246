-- Mass incidents (issue 17): a call attached to one at the pop is a case naming it, and the
-- server's active incidents are kept here so that a desk offers them, and attaches, offline.
ALTER TABLE cases ADD COLUMN incident_id TEXT;
-- A citizen who calls again about the same incident gets a note on their case, not a second
-- case (and a second SMS): found by (incident, citizen), whatever form the number was written in.
CREATE INDEX cases_incident_citizen ON cases (incident_id, citizen_id) WHERE incident_id IS NOT NULL;

-- The active incidents as the server last sent them (core/incident.ts Incident as JSON); the
-- whole list is replaced by each one received.
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body))
);
