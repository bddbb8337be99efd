-- Committee votes (one per member and application; a repeated vote replaces the earlier one) and
-- certificates issued when a cycle closes.
CREATE TABLE votes (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  member TEXT NOT NULL,
  vote TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  voted_at TEXT NOT NULL,
  PRIMARY KEY (application_id, member)
);

CREATE TABLE certificates (
  id {{id}},
  number TEXT NOT NULL UNIQUE,
  engineer_id BIGINT NOT NULL REFERENCES engineers(id),
  cycle_id BIGINT REFERENCES cycles(id),
  scheme_id BIGINT NOT NULL REFERENCES schemes(id),
  level_rank INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX certificates_engineer ON certificates(engineer_id);
CREATE INDEX certificates_expiry ON certificates(expires_on);
