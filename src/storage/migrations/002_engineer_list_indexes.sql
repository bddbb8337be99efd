-- Indexes for the engineer list's common filters (org subtree, level, status) and sorts; they
-- cover the single-column org and level indexes, which go.
CREATE INDEX engineers_org_rank_status ON engineers(org_unit_id, current_rank, status);
CREATE INDEX engineers_rank_status_hire ON engineers(current_rank, status, hire_date, org_unit_id);
DROP INDEX engineers_org;
DROP INDEX engineers_rank;
