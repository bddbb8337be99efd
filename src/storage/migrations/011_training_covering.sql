-- The evaluation reads every applicant's training in date order; the index now holds what it reads
-- (course, hours, passed), so the read never visits the table.
DROP INDEX training_engineer;
CREATE INDEX training_engineer ON training_records(engineer_id, completed_on, course_code, hours, passed);
