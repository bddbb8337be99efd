-- Quotas per level and, optionally, per org unit (org_unit_id 0 = the whole level); the fields the
-- published list shows (scores hidden by default); the certificate-number pattern of the cycle.
CREATE TABLE cycle_quotas_v2 (
  cycle_id BIGINT NOT NULL REFERENCES cycles(id),
  rank INTEGER NOT NULL,
  org_unit_id BIGINT NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, rank, org_unit_id)
);
INSERT INTO cycle_quotas_v2 (cycle_id, rank, org_unit_id, kind, value) SELECT cycle_id, rank, 0, kind, value FROM cycle_quotas;
DROP TABLE cycle_quotas;
ALTER TABLE cycle_quotas_v2 RENAME TO cycle_quotas;

ALTER TABLE cycles ADD COLUMN published_fields TEXT NOT NULL DEFAULT 'employee_no,engineer_name,org_unit,target_rank,outcome';
ALTER TABLE cycles ADD COLUMN certificate_pattern TEXT NOT NULL DEFAULT 'S000131000001{YY}{L}{N:6}';

