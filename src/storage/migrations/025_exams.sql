-- The online written exam: a blueprint per cycle and level (its sections as JSON), sittings with
-- their window, proctors and candidates, and one attempt per candidate and sitting holding its
-- paper (the drawn items as JSON, with the seed they were drawn with) and its answers, each saved
-- with the candidate's sequence number. question_exposure counts the papers of a blueprint each
-- question is on, for drawing the least-used first.
CREATE TABLE exam_blueprints (
  id {{id}},
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  target_rank INTEGER NOT NULL,
  sections TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  pass_mark INTEGER NOT NULL,
  fixed INTEGER NOT NULL DEFAULT 0,
  seed BIGINT NOT NULL,
  review_after_close INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE UNIQUE INDEX exam_blueprints_level ON exam_blueprints(cycle_id, target_rank);

CREATE TABLE exam_sittings (
  id {{id}},
  blueprint_id BIGINT NOT NULL REFERENCES exam_blueprints(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  room TEXT NOT NULL DEFAULT '',
  capacity INTEGER NOT NULL,
  focus_limit INTEGER NOT NULL DEFAULT 5,
  focus_action TEXT NOT NULL DEFAULT 'flag',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX exam_sittings_blueprint ON exam_sittings(blueprint_id);

CREATE TABLE sitting_proctors (
  sitting_id BIGINT NOT NULL REFERENCES exam_sittings(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (sitting_id, user_id)
);

CREATE TABLE sitting_candidates (
  sitting_id BIGINT NOT NULL REFERENCES exam_sittings(id),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  candidate_no TEXT NOT NULL,
  extra_minutes INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (sitting_id, application_id)
);
CREATE UNIQUE INDEX sitting_candidates_no ON sitting_candidates(sitting_id, candidate_no);
CREATE INDEX sitting_candidates_application ON sitting_candidates(application_id);

CREATE TABLE exam_attempts (
  id {{id}},
  sitting_id BIGINT NOT NULL REFERENCES exam_sittings(id),
  application_id BIGINT NOT NULL REFERENCES applications(id),
  engineer_id BIGINT NOT NULL REFERENCES engineers(id),
  seed BIGINT NOT NULL,
  items TEXT NOT NULL,
  started_at TEXT NOT NULL,
  deadline TEXT NOT NULL,
  device TEXT NOT NULL,
  status TEXT NOT NULL,
  submitted_at TEXT NOT NULL DEFAULT '',
  submitted_by TEXT NOT NULL DEFAULT '',
  score INTEGER,
  pending INTEGER NOT NULL DEFAULT 0,
  focus_losses INTEGER NOT NULL DEFAULT 0,
  focus_seconds INTEGER NOT NULL DEFAULT 0,
  flagged INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX exam_attempts_candidate ON exam_attempts(sitting_id, application_id);
CREATE INDEX exam_attempts_open ON exam_attempts(status, deadline);

CREATE TABLE attempt_answers (
  attempt_id BIGINT NOT NULL REFERENCES exam_attempts(id),
  question_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  answer TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  points INTEGER,
  PRIMARY KEY (attempt_id, question_id)
);

CREATE TABLE question_exposure (
  blueprint_id BIGINT NOT NULL REFERENCES exam_blueprints(id),
  question_id BIGINT NOT NULL,
  uses INTEGER NOT NULL,
  PRIMARY KEY (blueprint_id, question_id)
);
