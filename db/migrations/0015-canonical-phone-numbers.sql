-- One stored form for phone numbers (issue 18): Turkish numbers as E.164 without the +
-- (905321112233), however they were typed or given by the PBX (05321112233, +90 532 111 22 33,
-- (0532) 111-22-33). canonical_phone (core/phone.ts canonicalPhone, from registerSqlFunctions)
-- is null for shapes it does not recognise; those keep what they were.
--
-- The search key of a number (phone_search_key: its 10-digit national part) is the same before
-- and after, so citizens.phone_key and the full-text index need no change. The index's update
-- trigger would still rebuild every rewritten case's row (and its words) for nothing, so it is
-- dropped for the rewrite and created again exactly as 0012 made it.
UPDATE citizens SET phone = canonical_phone(phone)
WHERE canonical_phone(phone) IS NOT NULL AND canonical_phone(phone) IS NOT phone;

DROP TRIGGER cases_fts_after_update;

UPDATE cases SET phone = canonical_phone(phone)
WHERE phone IS NOT NULL AND canonical_phone(phone) IS NOT NULL AND canonical_phone(phone) IS NOT phone;

-- As in 0012, word for word.
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
