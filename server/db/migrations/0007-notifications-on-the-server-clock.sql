-- Notification times follow the server's clock (server/app.ts `now`), not the database's: a
-- case's updated_at is written by the server from that clock in the same statement, so the
-- 'created' and 'resolved' promises are due, and a 48-hour notice is cancelled, at the moment the
-- server applied the change. With the database's now() instead, a server whose clock is given
-- (tests, a replayed import) and its database disagreed about what is due.
CREATE OR REPLACE FUNCTION notifications_on_case_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notifications_enqueue(NEW, 'created', NEW.updated_at);
  IF NEW.status = 'resolved' THEN
    PERFORM notifications_enqueue(NEW, 'resolved', NEW.updated_at);
  ELSIF NEW.status NOT IN ('closed', 'rejected') THEN
    PERFORM notifications_enqueue(NEW, 'forwarded', NEW.created_at + interval '48 hours');
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION notifications_on_case_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IN ('resolved', 'closed', 'rejected') THEN
    UPDATE notifications SET cancelled_at = NEW.updated_at
     WHERE case_id = NEW.id AND template = 'forwarded' AND sent_at IS NULL AND cancelled_at IS NULL;
  END IF;
  IF NEW.status = 'resolved' THEN
    PERFORM notifications_enqueue(NEW, 'resolved', NEW.updated_at);
  END IF;
  RETURN NULL;
END $$;
