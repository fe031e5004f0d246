-- The full-text index of 0008, rebuilt for two findings of a security review:
--
-- * The T.C. kimlik no is no longer indexed. Its digits were a word like any other, so a typed
--   prefix ("1234567") found a case by its T.C. kimlik no: an operator who sees the number
--   masked could recover it digit by digit from whether a search still found the case. A T.C.
--   kimlik no is now found only whole, through the cases_tc_kimlik_no index (caseSearch.ts),
--   and search_terms no longer lists the numbers either (it is rebuilt from the other columns).
-- * The text columns are indexed as their searchTokens words (fts_words: letters and digits,
--   folded). FTS5 counts private-use characters as parts of a word, so a description holding
--   a facet token's text ("\uE000s…", searchTokens.ts facetToken) was indexed as that facet
--   and matched the filter of a status or unit the case does not have. Only the facets column
--   can hold a facet token now.
DROP TRIGGER cases_fts_after_insert;
DROP TRIGGER cases_fts_after_update;
DROP TRIGGER cases_fts_after_delete;
DROP TABLE cases_fts;

-- As 0008: contentless, rowid = case id, no positions; one column fewer.
CREATE VIRTUAL TABLE cases_fts USING fts5 (
  application_no, phone, citizen_name, subject, description, facets,
  content = '', contentless_delete = 1, detail = none, prefix = '2 3',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER cases_fts_after_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, subject, description, facets)
  VALUES (
    NEW.id, fts_words(NEW.application_no), phone_search_key(NEW.phone), fts_words(NEW.citizen_name),
    fts_words(NEW.subject), fts_words(NEW.description),
    case_facets(NEW.status, NEW.unit_code, NEW.subject_code, NEW.channel, NEW.created_at));
  INSERT OR IGNORE INTO search_terms (term)
    SELECT term FROM search_terms_of(concat_ws(' ', NEW.application_no,
      phone_search_key(NEW.phone), NEW.citizen_name, NEW.subject, NEW.description));
END;

-- Only when an indexed column changes: a note (updated_at) leaves the index alone.
CREATE TRIGGER cases_fts_after_update
AFTER UPDATE OF application_no, phone, citizen_name, subject, description,
  status, unit_code, subject_code, channel, created_at ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
  INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, subject, description, facets)
  VALUES (
    NEW.id, fts_words(NEW.application_no), phone_search_key(NEW.phone), fts_words(NEW.citizen_name),
    fts_words(NEW.subject), fts_words(NEW.description),
    case_facets(NEW.status, NEW.unit_code, NEW.subject_code, NEW.channel, NEW.created_at));
  INSERT OR IGNORE INTO search_terms (term)
    SELECT term FROM search_terms_of(concat_ws(' ', NEW.application_no,
      phone_search_key(NEW.phone), NEW.citizen_name, NEW.subject, NEW.description));
END;

CREATE TRIGGER cases_fts_after_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
END;

INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, subject, description, facets)
SELECT
  id, fts_words(application_no), phone_search_key(phone), fts_words(citizen_name),
  fts_words(subject), fts_words(description),
  case_facets(status, unit_code, subject_code, channel, created_at)
FROM cases;

DELETE FROM search_terms;
INSERT OR IGNORE INTO search_terms (term)
  SELECT t.term FROM cases AS c, search_terms_of(concat_ws(' ', c.application_no,
    phone_search_key(c.phone), c.citizen_name, c.subject, c.description)) AS t;
