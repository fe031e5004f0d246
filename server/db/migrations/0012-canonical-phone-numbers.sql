-- One stored form for phone numbers (issue 18), as the desks store them since their migration
-- 0015 (core/phone.ts canonicalPhone): Turkish numbers as E.164 without the + (905321112233),
-- from 05321112233, +90 532 111 22 33, (0532) 111-22-33 or 5321112233; foreign numbers written
-- with 00 as +…; every other shape (extensions, short codes, what a trunk made up) as it is.
-- Since this migration the sync intake stores new numbers the same way (sync/protocol.ts).
-- History (case_events, change_log snapshots) keeps what was written at the time.
UPDATE cases AS c
SET fields = jsonb_set(c.fields, '{phone}', to_jsonb(x.canonical))
FROM (
  SELECT id,
    CASE
      WHEN d ~ '^[2-9][0-9]{9}$' THEN '90' || d
      WHEN d ~ '^0[2-9][0-9]{9}$' THEN '90' || substr(d, 2)
      WHEN d ~ '^90[2-9][0-9]{9}$' THEN d
      WHEN d ~ '^0090[2-9][0-9]{9}$' THEN substr(d, 3)
      WHEN d ~ '^\+90[2-9][0-9]{9}$' THEN substr(d, 2)
      -- "+90 (0532) …": the national 0 written after the country code.
      WHEN d ~ '^\+900[2-9][0-9]{9}$' THEN '90' || substr(d, 5)
      WHEN d ~ '^(\+|00)90' THEN NULL
      WHEN d ~ '^00[1-9][0-9]{6,14}$' THEN '+' || substr(d, 3)
      ELSE NULL
    END AS canonical
  FROM (
    SELECT id, regexp_replace(fields ->> 'phone', '[[:space:]()./-]', '', 'g') AS d
    FROM cases
    WHERE jsonb_typeof(fields -> 'phone') = 'string'
  ) AS s
) AS x
WHERE x.id = c.id AND x.canonical IS NOT NULL AND x.canonical IS DISTINCT FROM c.fields ->> 'phone';
