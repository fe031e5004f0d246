-- Final application numbers (core/applicationNumber.ts, `2026-0001234-7`, no prefix), reserved
-- by desks in blocks (POST /api/v1/numbers/reserve) so an online desk can hand a citizen the
-- final number on the call. One counter row per Istanbul year: a reservation takes its numbers
-- with one UPDATE … RETURNING on that row, whose lock serialises concurrent reservations, so no
-- number is handed out twice (on any number of instances). A new year's row starts above the
-- largest sequence already used by an unprefixed number of that year (server/numbers/reserve.ts),
-- so numbers given out before this table existed are never given out again.
CREATE TABLE application_number_counters (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
  last_sequence bigint NOT NULL CHECK (last_sequence >= 0)
);

-- Every number handed out, and to which desk: the primary key is the last guard against a
-- duplicate, and the table answers "who got this number" when a citizen quotes an unused one.
CREATE TABLE reserved_numbers (
  application_no text PRIMARY KEY,
  desk_id text NOT NULL CHECK (desk_id <> ''),
  reserved_at timestamptz NOT NULL DEFAULT now()
);
