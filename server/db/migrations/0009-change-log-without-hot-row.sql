-- The change log without its hot row. Until now every writer took its numbers from the single
-- row of change_log_head and held that row lock to COMMIT (migration 0002): gap-free and in
-- commit order, but every push in the center waited for the one before it, and a holder that was
-- descheduled stalled all of them (bench/syncServer.bench.ts, issue 15).
--
-- Now a writer draws seq from a plain sequence (no lock held to commit) and stamps each entry
-- with its own transaction id (txid). Readers order by (txid, seq) and hand out only entries whose
-- txid is below the xmin of their own snapshot: every transaction with a smaller id has ended, and
-- every one still running or yet to start has a larger id, so that part of the log is final and a
-- cursor moved through it never skips an entry committed later (server/sync/pull.ts has the
-- whole argument; server/sync/changeLog.test.ts commits two transactions out of order).
--
-- Entries written before this migration keep their order: txid 0, below every real transaction
-- id, ordered by their gap-free seq. A desk's numeric cursor N (the last seq it had) is therefore
-- the position (0, N) (sync/protocol.ts cursorPosition).
ALTER TABLE change_log ADD COLUMN txid xid8 NOT NULL DEFAULT '0';
-- Writers stamp txid themselves (sync/changeLog.ts); the defaults serve anything else that logs.
ALTER TABLE change_log ALTER COLUMN txid SET DEFAULT pg_current_xact_id();

CREATE SEQUENCE change_log_seq OWNED BY change_log.seq;
SELECT setval('change_log_seq', greatest((SELECT last_seq FROM change_log_head), (SELECT max(seq) FROM change_log), 0) + 1, false);
ALTER TABLE change_log ALTER COLUMN seq SET DEFAULT nextval('change_log_seq');

CREATE INDEX change_log_position ON change_log (txid, seq);

-- Gone rather than left behind: an instance of an older release still running against this
-- database would take numbers from it that the sequence also hands out. Without the table its
-- pushes fail (its desks keep their outboxes and send again) instead of colliding. Upgrade every
-- instance together.
DROP TABLE change_log_head;
