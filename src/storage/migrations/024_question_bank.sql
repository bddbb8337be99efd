-- The question bank (题库): one row per version of a question. A question's code names all its
-- versions, and so does its question_id (the id of its first version, which the API uses); the
-- newest version is current. Papers will keep the version they were built with (its id).
-- options, correct, blanks and rubric are JSON; ranks a comma list; normalise a comma list of
-- trim, width, case. stem_key is the stem reduced for near-duplicate checks.
CREATE TABLE question_versions (
  id {{id}},
  question_id BIGINT NOT NULL DEFAULT 0,
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  is_current INTEGER NOT NULL,
  parent_code TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  type TEXT NOT NULL,
  product_line TEXT NOT NULL,
  knowledge_point TEXT NOT NULL,
  ranks TEXT NOT NULL,
  difficulty INTEGER NOT NULL,
  stem_zh TEXT NOT NULL,
  stem_en TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]',
  correct TEXT NOT NULL DEFAULT '[]',
  blanks TEXT NOT NULL DEFAULT '[]',
  normalise TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  rubric TEXT NOT NULL DEFAULT '[]',
  explanation_zh TEXT NOT NULL DEFAULT '',
  explanation_en TEXT NOT NULL DEFAULT '',
  stem_key TEXT NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE UNIQUE INDEX question_versions_code ON question_versions(code, version);
CREATE UNIQUE INDEX question_versions_current ON question_versions(code) WHERE is_current = 1;
CREATE INDEX question_versions_question ON question_versions(question_id, version);
CREATE INDEX question_versions_bank ON question_versions(is_current, parent_code, product_line, code);
