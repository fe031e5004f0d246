-- Mass incidents (server/incidents/): one outage that many citizens call about. Each caller's
-- case is attached to it (the case's fields.incidentId, as the desk set it), and closing the
-- incident resolves them all with one resolution.
CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  subject_code text NOT NULL,
  -- No foreign key, as cases.unit_code: units come from the catalogue.
  unit_code text NOT NULL,
  districts jsonb NOT NULL,
  neighbourhoods jsonb NOT NULL,
  -- Read out to callers as written.
  message text NOT NULL,
  starts_at timestamptz NOT NULL,
  expected_end_at timestamptz,
  -- Queues whose callers hear the announcement (AstDB key per queue, telephony/README-ami.md).
  announce_queues jsonb NOT NULL DEFAULT '[]',
  -- The recording they hear; null: custom/incident-<id>.
  announcement_sound text,
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  resolution text,
  closed_at timestamptz,
  declared_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX incidents_active ON incidents (starts_at) WHERE status = 'active';

-- The cases of an incident: closing resolves them, the report counts them, the wallboard counts
-- the last 15 minutes' of them.
CREATE INDEX cases_incident ON cases ((fields ->> 'incidentId'), created_at) WHERE fields ->> 'incidentId' IS NOT NULL;

-- One "solved" message per citizen per incident: a citizen who called twice about the same
-- water cut has two cases, and hears once that it is over. The incident's cases get the
-- incident's message instead of the per-case one.
ALTER TABLE notifications ADD COLUMN incident_id uuid REFERENCES incidents (id);
ALTER TABLE notifications DROP CONSTRAINT notifications_template_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_template_check
  CHECK (template IN ('created', 'forwarded', 'resolved', 'incident-resolved'));
CREATE UNIQUE INDEX notifications_once_per_incident ON notifications (incident_id, channel, recipient) WHERE incident_id IS NOT NULL;

CREATE FUNCTION notifications_enqueue_incident(c cases, due timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  incident uuid := (c.fields ->> 'incidentId')::uuid;
  body jsonb;
BEGIN
  SELECT jsonb_build_object('applicationNo', c.application_no, 'subject', c.fields ->> 'subject', 'resolution', i.resolution)
    INTO body FROM incidents i WHERE i.id = incident;
  IF body IS NULL THEN
    -- A case naming an incident this server does not have: the ordinary message.
    PERFORM notifications_enqueue(c, 'resolved', due);
    RETURN;
  END IF;
  IF coalesce(c.fields ->> 'phone', '') <> '' THEN
    INSERT INTO notifications (case_id, channel, recipient, template, payload, due_at, incident_id)
    VALUES (c.id, 'sms', c.fields ->> 'phone', 'incident-resolved', body, due, incident)
    ON CONFLICT (incident_id, channel, recipient) WHERE incident_id IS NOT NULL DO NOTHING;
  END IF;
  IF coalesce(c.fields ->> 'email', '') <> '' THEN
    INSERT INTO notifications (case_id, channel, recipient, template, payload, due_at, incident_id)
    VALUES (c.id, 'email', c.fields ->> 'email', 'incident-resolved', body, due, incident)
    ON CONFLICT (incident_id, channel, recipient) WHERE incident_id IS NOT NULL DO NOTHING;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION notifications_on_case_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('resolved', 'closed', 'rejected') THEN
    UPDATE notifications SET cancelled_at = NEW.updated_at
     WHERE case_id = NEW.id AND template = 'forwarded' AND sent_at IS NULL AND cancelled_at IS NULL;
  END IF;
  IF NEW.status = 'resolved' THEN
    IF NEW.fields ->> 'incidentId' IS NOT NULL THEN
      PERFORM notifications_enqueue_incident(NEW, NEW.updated_at);
    ELSE
      PERFORM notifications_enqueue(NEW, 'resolved', NEW.updated_at);
    END IF;
  END IF;
  RETURN NULL;
END $$;
