-- Foundation: organisation, accounts, sessions, schemes, engineers, level history, audit.
-- {{id}} is the engine's auto-increment primary key; everything else is common SQL.
CREATE TABLE org_units (
  id {{id}},
  parent_id BIGINT REFERENCES org_units(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  manager_user_id BIGINT
);
CREATE INDEX org_units_path ON org_units(path);

CREATE TABLE schemes (
  id {{id}},
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE scheme_versions (
  id {{id}},
  scheme_id BIGINT NOT NULL REFERENCES schemes(id),
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  in_use INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (scheme_id, version)
);

CREATE TABLE engineers (
  id {{id}},
  employee_no TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  hire_date TEXT NOT NULL,
  career_start TEXT NOT NULL,
  education TEXT NOT NULL,
  product_lines TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active',
  current_rank INTEGER NOT NULL DEFAULT 0,
  level_since TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX engineers_org ON engineers(org_unit_id);
CREATE INDEX engineers_rank ON engineers(current_rank);
CREATE INDEX engineers_name ON engineers(name);
CREATE INDEX engineers_hire ON engineers(hire_date);

CREATE TABLE level_history (
  id {{id}},
  engineer_id BIGINT NOT NULL REFERENCES engineers(id),
  scheme_id BIGINT REFERENCES schemes(id),
  rank INTEGER NOT NULL,
  since TEXT NOT NULL,
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX level_history_engineer ON level_history(engineer_id);

CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  engineer_id BIGINT REFERENCES engineers(id),
  org_unit_id BIGINT REFERENCES org_units(id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- One row: the newest link of the audit chain. Updating it first serialises writers.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
