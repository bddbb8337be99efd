-- Webcam snapshots (监考抓拍): a sitting asks for a number of them at random moments (0: none);
-- an attempt records the candidate's answer to the consent request ('' not yet asked, 'yes', 'no')
-- and when it was given; the snapshots (JPEG, base64 text) are deleted once their sitting has been
-- closed for the retention period.
ALTER TABLE exam_sittings ADD COLUMN snapshots INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exam_attempts ADD COLUMN snapshot_consent TEXT NOT NULL DEFAULT '';
ALTER TABLE exam_attempts ADD COLUMN consent_at TEXT NOT NULL DEFAULT '';
CREATE TABLE attempt_snapshots (
  id {{id}},
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id),
  taken_at TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  size INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX attempt_snapshots_attempt ON attempt_snapshots(attempt_id);
