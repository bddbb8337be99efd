-- Ranking runs in the database, so a cycle of any size is ranked in constant memory: each result
-- keeps its quota group, the group's places and the tie-breakers (practical, then performance).
ALTER TABLE results ADD COLUMN quota_group TEXT NOT NULL DEFAULT '';
ALTER TABLE results ADD COLUMN quota_places INTEGER NOT NULL DEFAULT 0;
ALTER TABLE results ADD COLUMN tie_practical INTEGER NOT NULL DEFAULT 0;
ALTER TABLE results ADD COLUMN tie_performance INTEGER NOT NULL DEFAULT 0;
