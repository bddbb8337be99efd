-- The engineer list sorted by hire date breaks ties by id: with the id in the index right after
-- the hire date, a page is read in index order and stops after its last row (no sort of all the
-- matching rows, no table reads for the rows skipped before the page); the org unit stays in the
-- index so that an org subtree filter is still answered from it.
CREATE INDEX engineers_rank_status_hire_id ON engineers(current_rank, status, hire_date, id, org_unit_id);
DROP INDEX engineers_rank_status_hire;
