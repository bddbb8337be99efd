-- Pictures of the question bank (PNG or JPEG, at most 1 MiB, kept once per content as base64
-- text), and the pictures each question version shows below its stem (ids, comma-separated).
CREATE TABLE question_images (
  id {{id}},
  sha256 TEXT NOT NULL,
  media_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  size INTEGER NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX question_images_sha256 ON question_images(sha256);
ALTER TABLE question_versions ADD COLUMN images TEXT NOT NULL DEFAULT '';
