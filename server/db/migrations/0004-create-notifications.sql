-- Notifications outbox: every message the citizen is promised (DOMAIN.md: number on creation,
-- the 48-hour "forwarded to the unit" notice, the resolution) is a row written in the same
-- transaction as the event that promises it, so a message is never promised without a row and
-- a rolled-back event leaves none. The triggers below write them, whichever code path (a desk's
-- push, the department workflow) inserts the case or changes its status.
-- A worker (server/notifications/dispatch.ts) sends due rows and marks them sent.
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  -- Phone number or e-mail address: personal data, never logged.
  recipient text NOT NULL CHECK (recipient <> ''),
  template text NOT NULL CHECK (template IN ('created', 'forwarded', 'resolved')),
  payload jsonb NOT NULL,
  -- Next time the worker may try it: the promise time first, then the retry backoff.
  due_at timestamptz NOT NULL,
  sent_at timestamptz,
  -- A promise that no longer holds (the 48-hour notice of a case resolved before it was due).
  cancelled_at timestamptz,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- The worker's scan: pending rows by due time.
CREATE INDEX notifications_pending ON notifications (due_at) WHERE sent_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX notifications_case_id ON notifications (case_id);

-- Where a case's messages go: its phone by SMS, its e-mail address (when desks start sending one
-- in fields.email) by e-mail. No contact, no row.
CREATE FUNCTION notifications_enqueue(c cases, tmpl text, due timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  body jsonb := jsonb_build_object('applicationNo', c.application_no, 'subject', c.fields ->> 'subject');
BEGIN
  IF coalesce(c.fields ->> 'phone', '') <> '' THEN
    INSERT INTO notifications (case_id, channel, recipient, template, payload, due_at)
    VALUES (c.id, 'sms', c.fields ->> 'phone', tmpl, body, due);
  END IF;
  IF coalesce(c.fields ->> 'email', '') <> '' THEN
    INSERT INTO notifications (case_id, channel, recipient, template, payload, due_at)
    VALUES (c.id, 'email', c.fields ->> 'email', tmpl, body, due);
  END IF;
END $$;

-- On creation: the number at once (the security code stays on the desk: the server has only its
-- hash, sync/protocol.ts CreatePayload, so the message carries the number only). Then either the
-- resolution (resolved on the call) or the 48-hour notice, due at core/sla.ts
-- forwardedNoticeAt(createdAt) = created_at + 48 hours (server/notifications/notifications.test.ts
-- holds the two together).
CREATE FUNCTION notifications_on_case_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notifications_enqueue(NEW, 'created', now());
  IF NEW.status = 'resolved' THEN
    PERFORM notifications_enqueue(NEW, 'resolved', now());
  ELSIF NEW.status NOT IN ('closed', 'rejected') THEN
    PERFORM notifications_enqueue(NEW, 'forwarded', NEW.created_at + interval '48 hours');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER notifications_case_insert AFTER INSERT ON cases
  FOR EACH ROW EXECUTE FUNCTION notifications_on_case_insert();

-- On a status change: resolved (or closed/rejected) before the 48-hour notice was sent cancels
-- it; becoming resolved promises the resolution message.
CREATE FUNCTION notifications_on_case_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('resolved', 'closed', 'rejected') THEN
    UPDATE notifications SET cancelled_at = now()
     WHERE case_id = NEW.id AND template = 'forwarded' AND sent_at IS NULL AND cancelled_at IS NULL;
  END IF;
  IF NEW.status = 'resolved' THEN
    PERFORM notifications_enqueue(NEW, 'resolved', now());
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER notifications_case_status AFTER UPDATE OF status ON cases
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION notifications_on_case_status();
