-- Names sort by pinyin: a sort key per engineer (hex text compared byte by byte), filled in by the
-- server for existing rows after the migration, and an index for sorted pages.
ALTER TABLE engineers ADD COLUMN name_key TEXT {{bytewise}} NOT NULL DEFAULT '';
CREATE INDEX engineers_name_key ON engineers(name_key, id);
