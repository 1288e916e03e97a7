ALTER TABLE "headcounts" ADD COLUMN "label" text;--> statement-breakpoint
-- Hand-written: a manager's headcount row carries the manager's name, kept by the statement that creates the row
-- or renames the manager, so that consistency by manager reads 10,000 names with the counts instead of looking
-- each one up in the directory (half of its statement's time at 100,000 people). The triggers fire after the
-- headcounts' own (trigger names sort after them) and touch only the rows whose name is missing or changed.
CREATE OR REPLACE FUNCTION mejora_headcount_labels_after() RETURNS trigger AS $$
BEGIN
  UPDATE headcounts h SET label = m.name
  FROM employees m
  WHERE h.kind = 'manager' AND m.org_id = h.org_id AND m.id = h.key::uuid
    AND h.label IS DISTINCT FROM m.name
    AND (h.org_id, h.key) IN (
      SELECT r.org_id, r.manager_id::text FROM new_rows r WHERE r.manager_id IS NOT NULL
      UNION
      SELECT r.org_id, r.id::text FROM new_rows r);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER employees_headcounts_label_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_headcount_labels_after();
--> statement-breakpoint
CREATE TRIGGER employees_headcounts_label_update AFTER UPDATE ON employees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_headcount_labels_after();
--> statement-breakpoint
UPDATE headcounts h SET label = m.name
FROM employees m
WHERE h.kind = 'manager' AND m.org_id = h.org_id AND m.id = h.key::uuid;
