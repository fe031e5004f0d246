-- The full-text index of 0007, rebuilt so that it stays fast at a million cases (measured in
-- bench/caseStore.bench.ts):
--
-- * Prefix queries. FTS5 answers "kaldir"* by merging the doclists of every indexed term that
--   starts with it, all of them, before the first row comes out: tens of milliseconds for a
--   common word. search_terms lists the indexed words, so the repository expands a typed
--   prefix of 4+ letters into the words themselves ("kaldirim" OR "kaldirimda"), which FTS5
--   streams in rowid order; prefix = '2 3' keeps a doclist per 2- and 3-letter prefix for the
--   shortest ones.
-- * Filters. Status, unit, subject, channel and the Istanbul month are indexed as facet tokens
--   (searchTokens.ts caseFacets), so "kaldırım, forwarded, fen-isleri" is intersected inside
--   the index instead of reading every matching case.
DROP TRIGGER cases_fts_after_insert;
DROP TRIGGER cases_fts_after_update;
DROP TRIGGER cases_fts_after_delete;
DROP TABLE cases_fts;

-- Contentless, rowid = case id; contentless_delete lets the triggers delete by rowid; no
-- positions (detail = none): queries are AND-ed words and facets, never phrases.
CREATE VIRTUAL TABLE cases_fts USING fts5 (
  application_no, phone, citizen_name, tc_kimlik_no, subject, description, facets,
  content = '', contentless_delete = 1, detail = none, prefix = '2 3',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Every word the index has ever held (folded), for prefix expansion. Never pruned: a word
-- whose cases are gone only expands into a term that matches nothing.
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

CREATE TRIGGER cases_fts_after_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO cases_fts (
    rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description, facets)
  VALUES (
    NEW.id, fold_tr(NEW.application_no), phone_search_key(NEW.phone), fold_tr(NEW.citizen_name),
    NEW.tc_kimlik_no, fold_tr(NEW.subject), fold_tr(NEW.description),
    case_facets(NEW.status, NEW.unit_code, NEW.subject_code, NEW.channel, NEW.created_at));
  INSERT OR IGNORE INTO search_terms (term)
    SELECT term FROM search_terms_of(concat_ws(' ', NEW.application_no,
      phone_search_key(NEW.phone), NEW.citizen_name, NEW.tc_kimlik_no, NEW.subject,
      NEW.description));
END;

-- Only when an indexed column changes: a note (updated_at) leaves the index alone.
CREATE TRIGGER cases_fts_after_update
AFTER UPDATE OF application_no, phone, citizen_name, tc_kimlik_no, subject, description,
  status, unit_code, subject_code, channel, created_at ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
  INSERT INTO cases_fts (
    rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description, facets)
  VALUES (
    NEW.id, fold_tr(NEW.application_no), phone_search_key(NEW.phone), fold_tr(NEW.citizen_name),
    NEW.tc_kimlik_no, fold_tr(NEW.subject), fold_tr(NEW.description),
    case_facets(NEW.status, NEW.unit_code, NEW.subject_code, NEW.channel, NEW.created_at));
  INSERT OR IGNORE INTO search_terms (term)
    SELECT term FROM search_terms_of(concat_ws(' ', NEW.application_no,
      phone_search_key(NEW.phone), NEW.citizen_name, NEW.tc_kimlik_no, NEW.subject,
      NEW.description));
END;

CREATE TRIGGER cases_fts_after_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
END;

INSERT INTO cases_fts (
  rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description, facets)
SELECT
  id, fold_tr(application_no), phone_search_key(phone), fold_tr(citizen_name), tc_kimlik_no,
  fold_tr(subject), fold_tr(description),
  case_facets(status, unit_code, subject_code, channel, created_at)
FROM cases;

INSERT OR IGNORE INTO search_terms (term)
  SELECT t.term FROM cases AS c, search_terms_of(concat_ws(' ', c.application_no,
    phone_search_key(c.phone), c.citizen_name, c.tc_kimlik_no, c.subject, c.description)) AS t;
