-- An engineer's own page lists their applications in every cycle, read by engineer.
CREATE INDEX applications_engineer ON applications(engineer_id);
