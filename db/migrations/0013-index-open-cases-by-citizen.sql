-- The screen-pop shows a caller's open cases whatever their age: a frequent caller has 150
-- cases or more, a few of them still open from months ago. Through this index they are found,
-- and counted, without reading the caller's closed cases row by row.
-- The WHERE must stay word for word the open-status list of caseRows.ts (OPEN_STATUSES), as for
-- cases_open_due_at, or the planner cannot use it.
CREATE INDEX cases_citizen_open ON cases (citizen_id, created_at DESC, id DESC)
  WHERE status IN ('new', 'forwarded', 'in-progress', 'reopened');
