-- Evaluation cycles (评定批次) with their phase timeline, and applications (申报) with the
-- eligibility verdict and any override.
CREATE TABLE cycles (
  id {{id}},
  name TEXT NOT NULL,
  scheme_id BIGINT NOT NULL REFERENCES schemes(id),
  scheme_version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  open_ranks TEXT NOT NULL,
  cutoff_date TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE cycle_phases (
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  phase TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  responsible_role TEXT NOT NULL,
  PRIMARY KEY (cycle_id, phase)
);

CREATE TABLE applications (
  id {{id}},
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  engineer_id BIGINT NOT NULL REFERENCES engineers(id),
  target_rank INTEGER NOT NULL,
  status TEXT NOT NULL,
  nominated_by TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  verdict_json TEXT NOT NULL DEFAULT '',
  override_reason TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX applications_cycle ON applications(cycle_id, status);
-- One open application per engineer per cycle.
CREATE UNIQUE INDEX applications_open ON applications(cycle_id, engineer_id) WHERE status <> 'withdrawn';
