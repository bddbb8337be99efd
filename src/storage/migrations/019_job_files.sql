-- A job's file to download (an export): its name, type and size on the job, its bytes in parts of
-- at most 1 MiB (base64 text, the same on both engines), so that neither a write nor a read holds
-- more than one part at a time in a statement.
ALTER TABLE jobs ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN file_type TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN file_size BIGINT NOT NULL DEFAULT 0;
CREATE TABLE job_file_parts (
  job_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
