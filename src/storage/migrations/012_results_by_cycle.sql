-- Results are read and written cycle by cycle: the table is now keyed by (cycle, application), so a
-- cycle's results are one range of the table itself and a large evaluation writes into one b-tree
-- instead of a table and two indexes; the passed results, which the ranking reads, keep a small
-- index of their own.
CREATE TABLE results_v2 (
  cycle_id BIGINT NOT NULL,
  application_id BIGINT NOT NULL REFERENCES applications(id),
  total INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  rank INTEGER NOT NULL,
  selected INTEGER NOT NULL,
  outcome_json TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  quota_group TEXT NOT NULL DEFAULT '',
  tie_practical INTEGER NOT NULL DEFAULT 0,
  tie_performance INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (cycle_id, application_id)
) {{without_rowid}};
INSERT INTO results_v2 (cycle_id, application_id, total, passed, rank, selected, outcome_json, evaluated_at, quota_group,
                        tie_practical, tie_performance)
  SELECT cycle_id, application_id, total, passed, rank, selected, outcome_json, evaluated_at, quota_group, tie_practical,
         tie_performance FROM results;
DROP TABLE results;
ALTER TABLE results_v2 RENAME TO results;
CREATE INDEX results_passed ON results(cycle_id) WHERE passed = 1;
