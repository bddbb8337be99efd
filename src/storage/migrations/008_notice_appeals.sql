-- Public notice (公示) counted in working days, the holiday calendar behind it, and appeals (申诉).
ALTER TABLE cycles ADD COLUMN notice_days INTEGER NOT NULL DEFAULT 5;
ALTER TABLE cycles ADD COLUMN notice_ends_on TEXT NOT NULL DEFAULT '';

-- kind: holiday (a day off on a weekday) or workday (a weekend day worked, 调休).
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
-- The fixed-date statutory holidays; lunar-calendar holidays and make-up days are added each year.
INSERT INTO calendar_days (day, kind, name) VALUES
  ('2026-01-01', 'holiday', '元旦'), ('2026-05-01', 'holiday', '劳动节'), ('2026-05-02', 'holiday', '劳动节'),
  ('2026-10-01', 'holiday', '国庆节'), ('2026-10-02', 'holiday', '国庆节'), ('2026-10-03', 'holiday', '国庆节'),
  ('2027-01-01', 'holiday', '元旦'), ('2027-05-01', 'holiday', '劳动节'), ('2027-05-02', 'holiday', '劳动节'),
  ('2027-10-01', 'holiday', '国庆节'), ('2027-10-02', 'holiday', '国庆节'), ('2027-10-03', 'holiday', '国庆节');

CREATE TABLE appeals (
  id {{id}},
  application_id BIGINT NOT NULL REFERENCES applications(id),
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  resolved_at TEXT NOT NULL DEFAULT '',
  resolved_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeals_application ON appeals(application_id);
