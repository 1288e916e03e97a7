CREATE TABLE "organization_stamps" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_stamps" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"stamp" bigint DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_stamps_org_id_plan_id_pk" PRIMARY KEY("org_id","plan_id")
);
--> statement-breakpoint
-- Hand-written: the stamps move inside the statement that writes, whichever path wrote (a service, a job, an
-- import, the CLI), once per statement however many rows it touched. A plan's stamp moves with the plan and every
-- section its answer is composed from; the organisation's stamp moves when a name, an e-mail address or a job
-- title of its people changes, an account is linked to a record, or the organisation's time zone changes. Rows are stamped in key order, so two
-- statements stamping the same plans lock them in the same order.
CREATE OR REPLACE FUNCTION mejora_plan_stamp_of_plans() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM plan_stamps s USING old_rows r WHERE s.org_id = r.org_id AND s.plan_id = r.id;
  ELSE
    INSERT INTO plan_stamps (org_id, plan_id)
      SELECT DISTINCT r.org_id, r.id FROM new_rows r ORDER BY 1, 2
      ON CONFLICT (org_id, plan_id) DO UPDATE SET stamp = plan_stamps.stamp + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A section row without a plan (an organisation's default contact) belongs to no answer.
CREATE OR REPLACE FUNCTION mejora_plan_stamp_of_sections() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE plan_stamps s SET stamp = s.stamp + 1
      FROM (SELECT DISTINCT r.org_id, r.plan_id FROM old_rows r WHERE r.plan_id IS NOT NULL ORDER BY 1, 2) r
      WHERE s.org_id = r.org_id AND s.plan_id = r.plan_id;
  ELSE
    INSERT INTO plan_stamps (org_id, plan_id)
      SELECT DISTINCT r.org_id, r.plan_id FROM new_rows r WHERE r.plan_id IS NOT NULL ORDER BY 1, 2
      ON CONFLICT (org_id, plan_id) DO UPDATE SET stamp = plan_stamps.stamp + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mejora_organization_stamp() RETURNS trigger AS $$
BEGIN
  -- A record without an account is named by no plan: adding or removing one changes no answer.
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'users' THEN
    INSERT INTO organization_stamps (org_id) SELECT DISTINCT r.org_id FROM old_rows r ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO organization_stamps (org_id) SELECT DISTINCT r.org_id FROM old_rows r WHERE r.user_id IS NOT NULL ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO organization_stamps (org_id) SELECT DISTINCT r.org_id FROM new_rows r WHERE r.user_id IS NOT NULL ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  ELSIF TG_TABLE_NAME = 'organizations' THEN
    INSERT INTO organization_stamps (org_id)
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.settings ->> 'timezone' IS DISTINCT FROM o.settings ->> 'timezone' ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  ELSIF TG_TABLE_NAME = 'users' THEN
    INSERT INTO organization_stamps (org_id)
      SELECT DISTINCT n.org_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.name IS DISTINCT FROM o.name OR n.email IS DISTINCT FROM o.email ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  ELSE
    INSERT INTO organization_stamps (org_id)
      SELECT DISTINCT n.org_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.job_title IS DISTINCT FROM o.job_title OR n.user_id IS DISTINCT FROM o.user_id ORDER BY 1
      ON CONFLICT (org_id) DO UPDATE SET stamp = organization_stamps.stamp + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER plans_stamp_insert AFTER INSERT ON plans REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_plans();--> statement-breakpoint
CREATE TRIGGER plans_stamp_update AFTER UPDATE ON plans REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_plans();--> statement-breakpoint
CREATE TRIGGER plans_stamp_delete AFTER DELETE ON plans REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_plans();--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY array['focus_areas','metrics','measurements','activities','success_criteria','contacts','expenses','approvals','signatures','plan_responses','appeals'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_sections()', t || '_stamp_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_sections()', t || '_stamp_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_stamp_of_sections()', t || '_stamp_delete', t);
  END LOOP;
  -- An account is named by a plan only once it exists: a new account changes no answer, a new record may.
  CREATE TRIGGER employees_organization_stamp_insert AFTER INSERT ON employees REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_organization_stamp();
  FOREACH t IN ARRAY array['users','employees'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_organization_stamp()', t || '_organization_stamp_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_organization_stamp()', t || '_organization_stamp_delete', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_organization_stamp_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_organization_stamp();--> statement-breakpoint
INSERT INTO plan_stamps (org_id, plan_id) SELECT org_id, id FROM plans ON CONFLICT DO NOTHING;
