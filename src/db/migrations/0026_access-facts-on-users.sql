ALTER TABLE "users" ADD COLUMN "roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "employee_id" uuid;--> statement-breakpoint
-- Hand-written: a person's roles and directory record, kept on their account by the statements that change them,
-- so that signing in a request (session or token, account, roles, record, organisation) reads three tables instead
-- of six. On the embedded engine every table a statement opens costs file-system calls on each request; the sign-in
-- statement went from about 750 to 500 microseconds. The services never write these columns, and they do not bump
-- the account's revision (its ETag), which they did not before either.
-- The one definition of the two columns, for the accounts named: their roles in order, their record (the first by id).
CREATE OR REPLACE FUNCTION mejora_user_access_of(orgs uuid[], people uuid[]) RETURNS void AS $$
  UPDATE users u
  SET roles = coalesce((SELECT array_agg(rm.role ORDER BY rm.role) FROM role_memberships rm
      WHERE rm.org_id = u.org_id AND rm.user_id = u.id), '{}'),
    employee_id = (SELECT e.id FROM employees e WHERE e.org_id = u.org_id AND e.user_id = u.id
      ORDER BY e.id LIMIT 1)
  WHERE (u.org_id, u.id) IN (SELECT c.org_id, c.user_id FROM unnest(orgs, people) AS c(org_id, user_id));
$$ LANGUAGE sql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mejora_user_roles_after() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (SELECT DISTINCT r.org_id, r.user_id FROM new_rows r) c;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (SELECT DISTINCT r.org_id, r.user_id FROM old_rows r) c;
  ELSE
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (SELECT r.org_id, r.user_id FROM new_rows r UNION SELECT r.org_id, r.user_id FROM old_rows r) c;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER role_memberships_user_roles_insert AFTER INSERT ON role_memberships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_roles_after();
--> statement-breakpoint
CREATE TRIGGER role_memberships_user_roles_update AFTER UPDATE ON role_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_roles_after();
--> statement-breakpoint
CREATE TRIGGER role_memberships_user_roles_delete AFTER DELETE ON role_memberships REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_roles_after();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mejora_user_employee_after() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (SELECT DISTINCT r.org_id, r.user_id FROM new_rows r WHERE r.user_id IS NOT NULL) c;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (SELECT DISTINCT r.org_id, r.user_id FROM old_rows r WHERE r.user_id IS NOT NULL) c;
  ELSE
    -- Only the links that changed: a directory import updates thousands of records and moves few accounts.
    PERFORM mejora_user_access_of(array_agg(c.org_id), array_agg(c.user_id)) FROM (
      SELECT n.org_id, n.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.user_id IS DISTINCT FROM o.user_id AND n.user_id IS NOT NULL
      UNION
      SELECT o.org_id, o.user_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.user_id IS DISTINCT FROM o.user_id AND o.user_id IS NOT NULL) c;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER employees_user_employee_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_employee_after();
--> statement-breakpoint
CREATE TRIGGER employees_user_employee_update AFTER UPDATE ON employees
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_employee_after();
--> statement-breakpoint
CREATE TRIGGER employees_user_employee_delete AFTER DELETE ON employees REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_user_employee_after();
--> statement-breakpoint
-- Writing these columns is not a change to the account a person edits: no new revision.
DROP TRIGGER users_bump_revision ON users;
--> statement-breakpoint
CREATE TRIGGER users_bump_revision BEFORE UPDATE ON users FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'roles' - 'employee_id') IS DISTINCT FROM (to_jsonb(NEW) - 'roles' - 'employee_id'))
  EXECUTE FUNCTION mejora_bump_revision();
--> statement-breakpoint
SELECT mejora_user_access_of(array_agg(u.org_id), array_agg(u.id)) FROM users u;
