-- The file a job works on (an import's upload): its bytes in parts of at most 1 MiB of base64 text,
-- like a job's file to download, stored with the job when it is queued and dropped when it ends.
CREATE TABLE job_input_parts (
  job_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
