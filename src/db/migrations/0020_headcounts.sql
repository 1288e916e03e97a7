CREATE TABLE "headcounts" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "headcounts_org_id_kind_key_pk" PRIMARY KEY("org_id","kind","key")
);
--> statement-breakpoint
-- Hand-written: the database keeps the headcounts in step with `employees`, in the same transaction as the write,
-- for the same reason as the plans' summaries (0018): people change through many use cases (HR, directory
-- imports, SCIM, single sign-on, the demo generator) and a trigger cannot be forgotten by a new one. The triggers
-- fire once per statement with the changed rows and add each key's net change (people who arrived minus people
-- who left it: inserted, moved to or from it, deactivated or reactivated, deleted). Adding changes rather than
-- recounting a key keeps two concurrent writes to the same department both counted: the row lock of the upsert
-- orders them, where two recounts would each miss the other's uncommitted person. A key that reaches zero people
-- is removed, so the table holds exactly the groups the analytics list.
CREATE OR REPLACE FUNCTION mejora_headcounts_after() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO headcounts AS h (org_id, kind, key, people)
    SELECT d.org_id, d.kind, d.key, sum(d.n)::int FROM (
      SELECT r.org_id, 'department' AS kind, r.department AS key, 1 AS n FROM new_rows r WHERE r.deactivated_at IS NULL
      UNION ALL
      SELECT r.org_id, 'manager', r.manager_id::text, 1 FROM new_rows r
      WHERE r.deactivated_at IS NULL AND r.manager_id IS NOT NULL) d
    GROUP BY d.org_id, d.kind, d.key
    ON CONFLICT (org_id, kind, key) DO UPDATE SET people = h.people + excluded.people;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO headcounts AS h (org_id, kind, key, people)
    SELECT d.org_id, d.kind, d.key, sum(d.n)::int FROM (
      SELECT r.org_id, 'department' AS kind, r.department AS key, 1 AS n FROM new_rows r WHERE r.deactivated_at IS NULL
      UNION ALL
      SELECT r.org_id, 'manager', r.manager_id::text, 1 FROM new_rows r
      WHERE r.deactivated_at IS NULL AND r.manager_id IS NOT NULL
      UNION ALL
      SELECT r.org_id, 'department', r.department, -1 FROM old_rows r WHERE r.deactivated_at IS NULL
      UNION ALL
      SELECT r.org_id, 'manager', r.manager_id::text, -1 FROM old_rows r
      WHERE r.deactivated_at IS NULL AND r.manager_id IS NOT NULL) d
    GROUP BY d.org_id, d.kind, d.key
    HAVING sum(d.n) <> 0
    ON CONFLICT (org_id, kind, key) DO UPDATE SET people = h.people + excluded.people;
    DELETE FROM headcounts h WHERE h.people <= 0;
  ELSE
    INSERT INTO headcounts AS h (org_id, kind, key, people)
    SELECT d.org_id, d.kind, d.key, -sum(d.n)::int FROM (
      SELECT r.org_id, 'department' AS kind, r.department AS key, 1 AS n FROM old_rows r WHERE r.deactivated_at IS NULL
      UNION ALL
      SELECT r.org_id, 'manager', r.manager_id::text, 1 FROM old_rows r
      WHERE r.deactivated_at IS NULL AND r.manager_id IS NOT NULL) d
    GROUP BY d.org_id, d.kind, d.key
    ON CONFLICT (org_id, kind, key) DO UPDATE SET people = h.people + excluded.people;
    DELETE FROM headcounts h WHERE h.people <= 0;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER employees_headcounts_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_headcounts_after();
--> statement-breakpoint
CREATE TRIGGER employees_headcounts_update AFTER UPDATE ON employees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_headcounts_after();
--> statement-breakpoint
CREATE TRIGGER employees_headcounts_delete AFTER DELETE ON employees REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_headcounts_after();
--> statement-breakpoint
INSERT INTO headcounts (org_id, kind, key, people)
SELECT e.org_id, 'department', e.department, count(*)::int FROM employees e
WHERE e.deactivated_at IS NULL GROUP BY e.org_id, e.department
UNION ALL
SELECT e.org_id, 'manager', e.manager_id::text, count(*)::int FROM employees e
WHERE e.deactivated_at IS NULL AND e.manager_id IS NOT NULL GROUP BY e.org_id, e.manager_id;
--> statement-breakpoint
-- Hand-written: a trigram index for the plans list's search (`q=`, a substring of the employee's name, the
-- position or the department, as written in the plan's header). One expression over the three fields, joined by
-- a line break that a search text cannot contain, so that one index answers the three-way "or". pg_trgm ships
-- with PostgreSQL and is a trusted extension; where it cannot be created (an engine without it, or a role
-- without the right), the search still works without the index, reading every plan of the organisation.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); the plans search runs without its index', SQLERRM;
    RETURN;
  END;
  CREATE INDEX IF NOT EXISTS plans_search_trgm_idx ON plans USING gin (
    (coalesce(header->>'employeeName', '') || E'\n' || coalesce(header->>'position', '') || E'\n' ||
      coalesce(header->>'department', '')) gin_trgm_ops);
END;
$$;
--> statement-breakpoint
ANALYZE headcounts;
