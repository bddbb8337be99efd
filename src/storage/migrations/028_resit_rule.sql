-- Which written score counts when a candidate sat a resit: latest (the resit's), best (the higher
-- of the two) or capped (the resit's, at most the pass mark).
ALTER TABLE cycles ADD COLUMN resit_rule TEXT NOT NULL DEFAULT 'latest';
