-- Full-text search over what an operator types to find a case: application number, phone,
-- citizen name, T.C. kimlik no, subject and description.
--
-- FTS5's unicode61 tokenizer does not fold Turkish (ı is a letter of its own, not an i with a
-- diacritic: "isiklandirma" would not find "Işıklandırma"), so the text is folded before it is
-- indexed, by fold_tr (core/turkishText.ts foldTurkish), and the repository folds every query
-- with the same function. The phone is indexed as its search key (10-digit national number).
--
-- Contentless: the text lives in cases; the index only maps tokens to case ids (its rowids).
-- contentless_delete lets the triggers delete by rowid. detail=none keeps no positions: queries
-- are AND-ed prefix tokens, never phrases, and the index is a fraction of the size.
CREATE VIRTUAL TABLE cases_fts USING fts5 (
  application_no, phone, citizen_name, tc_kimlik_no, subject, description,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER cases_fts_after_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description)
  VALUES (NEW.id, fold_tr(NEW.application_no), phone_search_key(NEW.phone), fold_tr(NEW.citizen_name),
    NEW.tc_kimlik_no, fold_tr(NEW.subject), fold_tr(NEW.description));
END;

-- Only when an indexed column changes: a note or a status change leaves the index alone.
CREATE TRIGGER cases_fts_after_update
AFTER UPDATE OF application_no, phone, citizen_name, tc_kimlik_no, subject, description ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
  INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description)
  VALUES (NEW.id, fold_tr(NEW.application_no), phone_search_key(NEW.phone), fold_tr(NEW.citizen_name),
    NEW.tc_kimlik_no, fold_tr(NEW.subject), fold_tr(NEW.description));
END;

CREATE TRIGGER cases_fts_after_delete AFTER DELETE ON cases
BEGIN
  DELETE FROM cases_fts WHERE rowid = OLD.id;
END;

INSERT INTO cases_fts (rowid, application_no, phone, citizen_name, tc_kimlik_no, subject, description)
  SELECT id, fold_tr(application_no), phone_search_key(phone), fold_tr(citizen_name),
    tc_kimlik_no, fold_tr(subject), fold_tr(description)
  FROM cases;
