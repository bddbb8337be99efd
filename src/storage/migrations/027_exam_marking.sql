-- Marking answers that need a person: a blueprint marks them once or twice (a third marker when
-- two marks differ by more than its threshold); each round of an answer is one row, claimed by a
-- marker and then marked. attempt_answers.next_round is the round an answer still waits for
-- (0: settled or not for a marker).
ALTER TABLE exam_blueprints ADD COLUMN double_marking INTEGER NOT NULL DEFAULT 1;
ALTER TABLE exam_blueprints ADD COLUMN discrepancy_percent INTEGER NOT NULL DEFAULT 20;
ALTER TABLE attempt_answers ADD COLUMN next_round INTEGER NOT NULL DEFAULT 0;
CREATE INDEX attempt_answers_marking ON attempt_answers(next_round, attempt_id);

CREATE TABLE answer_marks (
  id {{id}},
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id),
  question_id BIGINT NOT NULL,
  round INTEGER NOT NULL,
  marker_id BIGINT NOT NULL REFERENCES users(id),
  points INTEGER,
  comment TEXT NOT NULL DEFAULT '',
  claimed_at TEXT NOT NULL,
  marked_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX answer_marks_round ON answer_marks(attempt_id, question_id, round);
CREATE INDEX answer_marks_marker ON answer_marks(marker_id, marked_at);
