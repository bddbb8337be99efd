-- The first page of a cycle's lists at any cycle size: applications in application order within
-- their cycle, and results by total within theirs (best first or last), read from an index instead
-- of sorting the whole cycle.
CREATE INDEX applications_cycle_order ON applications(cycle_id, id);
CREATE INDEX results_cycle_total ON results(cycle_id, total, application_id);
