ALTER TABLE "check_ins" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "focus_areas" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "metrics" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_templates" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Hand-written: the database bumps a row's revision on every UPDATE, whichever path (service, job,
-- adjustment, CLI) made it, so an If-Match on a stale revision is always caught.
CREATE OR REPLACE FUNCTION mejora_bump_revision() RETURNS trigger AS $$
BEGIN
  NEW.revision := OLD.revision + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER check_ins_bump_revision BEFORE UPDATE ON check_ins FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER employees_bump_revision BEFORE UPDATE ON employees FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER organizations_bump_revision BEFORE UPDATE ON organizations FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER users_bump_revision BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER activities_bump_revision BEFORE UPDATE ON activities FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER contacts_bump_revision BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER focus_areas_bump_revision BEFORE UPDATE ON focus_areas FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER metrics_bump_revision BEFORE UPDATE ON metrics FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER plan_templates_bump_revision BEFORE UPDATE ON plan_templates FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER plans_bump_revision BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();--> statement-breakpoint
CREATE TRIGGER success_criteria_bump_revision BEFORE UPDATE ON success_criteria FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();
