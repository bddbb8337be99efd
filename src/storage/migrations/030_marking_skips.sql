-- Answers a marker handed back (skipped): offered to that marker again only after every other
-- answer they may mark.
CREATE TABLE marking_skips (
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id),
  question_id BIGINT NOT NULL,
  marker_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (attempt_id, question_id, marker_id)
);
