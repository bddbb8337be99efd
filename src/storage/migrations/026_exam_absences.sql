-- A sitting whose candidates who never started have been recorded absent (缺考) once it closed.
ALTER TABLE exam_sittings ADD COLUMN absences_marked INTEGER NOT NULL DEFAULT 0;
