-- Ranking runs in the database, so that a cycle of any size is ranked in constant memory: each result
-- keeps its cycle, its quota group and its tie-breakers (practical, then performance); each group's quota, size
-- and places are kept once.
ALTER TABLE results ADD COLUMN cycle_id BIGINT NOT NULL DEFAULT 0;
UPDATE results SET cycle_id = (SELECT a.cycle_id FROM applications a WHERE a.id = results.application_id);
CREATE INDEX results_cycle ON results(cycle_id, passed);
ALTER TABLE results ADD COLUMN quota_group TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN tie_practical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE results ADD COLUMN tie_performance INTEGER NOT NULL DEFAULT 0;
CREATE TABLE result_groups (
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  quota_group TEXT NOT NULL,
  kind TEXT NOT NULL,
  value INTEGER NOT NULL,
  org_unit TEXT NOT NULL,
  applicants INTEGER NOT NULL,
  places INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, quota_group)
);

-- Scores are read application by application; SQLite keeps them clustered by application.
CREATE TABLE scores_v2 (
  application_id BIGINT NOT NULL REFERENCES applications(id),
  component TEXT NOT NULL,
  score INTEGER,
  absent INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  author TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (application_id, component)
) {{without_rowid}};
INSERT INTO scores_v2 (application_id, component, score, absent, source, author, recorded_at)
  SELECT application_id, component, score, absent, source, author, recorded_at FROM scores;
DROP TABLE scores;
ALTER TABLE scores_v2 RENAME TO scores;
