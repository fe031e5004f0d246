-- Files a case carries (photos from the citizen or the field team, PDFs). The host keeps the
-- bytes under the data folder, named by content hash; this is the row that ties one to a case.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  -- As the user named it; shown, never used as a path.
  file_name TEXT NOT NULL CHECK (file_name <> ''),
  -- Detected from the content by the host (contract ATTACHMENT_TYPES); open here so a new type
  -- needs no table rebuild.
  mime_type TEXT NOT NULL CHECK (mime_type <> ''),
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  -- The file's name in the host's attachment folder; the same bytes twice share one file.
  stored_name TEXT NOT NULL CHECK (stored_name <> ''),
  added_at TEXT NOT NULL
    CHECK (added_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')
) STRICT;

-- A case's attachments in the order they came, and their count on every case row.
CREATE INDEX attachments_case_id ON attachments (case_id, id);
