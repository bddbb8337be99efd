-- Component scores (hundredths; absent 缺考 is its own flag, not a zero), locks per cycle and
-- component, and the stored outcome of the comprehensive evaluation.
CREATE TABLE scores (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  component TEXT NOT NULL,
  score INTEGER,
  absent INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (application_id, component)
);

CREATE TABLE score_locks (
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  component TEXT NOT NULL,
  locked_by TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  PRIMARY KEY (cycle_id, component)
);

CREATE TABLE results (
  application_id BIGINT PRIMARY KEY REFERENCES applications(id),
  total INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  outcome_json TEXT NOT NULL,
  evaluated_at TEXT NOT NULL
);
