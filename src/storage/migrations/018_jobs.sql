-- Background jobs: long work (the eligibility review, the evaluation) runs outside the request that
-- started it, with its progress, its result or its error. One active job per dedupe key, so that two
-- people starting the same review get the same job.
CREATE TABLE jobs (
  id {{id}},
  kind TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  params TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  owner TEXT NOT NULL,
  state TEXT NOT NULL,
  done BIGINT NOT NULL DEFAULT 0,
  total BIGINT NOT NULL DEFAULT 0,
  phase TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  started_at TEXT NOT NULL DEFAULT '',
  finished_at TEXT NOT NULL DEFAULT '',
  heartbeat_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX jobs_active_key ON jobs(dedupe_key) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_by_state ON jobs(state, id);
CREATE INDEX jobs_by_owner ON jobs(owner_id, id);
