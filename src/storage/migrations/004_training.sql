-- Training records (培训记录): hours and courses that eligibility rules count.
CREATE TABLE training_records (
  id {{id}},
  engineer_id BIGINT NOT NULL REFERENCES engineers(id),
  course_code TEXT NOT NULL,
  hours INTEGER NOT NULL,
  completed_on TEXT NOT NULL,
  passed INTEGER NOT NULL,
  source TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX training_engineer ON training_records(engineer_id, completed_on);
