-- Quotas per level of a cycle: a count, or a percentage of the level's applicants.
CREATE TABLE cycle_quotas (
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  rank INTEGER NOT NULL,
  kind TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, rank)
);
