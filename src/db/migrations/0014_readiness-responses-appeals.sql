CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"appellant_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"outcome_decided_by_user_id" uuid NOT NULL,
	"decision" text,
	"decision_reason" text,
	"decided_by_user_id" uuid,
	"decided_by_name" text,
	"new_outcome" text,
	"new_end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"context" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "readiness_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"accepted_by_user_id" uuid NOT NULL,
	"accepted_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "procedure" jsonb;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_responses" ADD CONSTRAINT "plan_responses_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_acceptances" ADD CONSTRAINT "readiness_acceptances_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_plan_idx" ON "appeals" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_responses_plan_idx" ON "plan_responses" USING btree ("org_id","plan_id","created_at");--> statement-breakpoint
CREATE INDEX "readiness_acceptances_plan_idx" ON "readiness_acceptances" USING btree ("org_id","plan_id");--> statement-breakpoint
-- An employee's response is kept as written: the database refuses to edit one (retention may still delete it).
CREATE OR REPLACE FUNCTION mejora_refuse_response_edit() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'employee responses are kept as written (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER plan_responses_kept_as_written BEFORE UPDATE ON plan_responses
  FOR EACH ROW EXECUTE FUNCTION mejora_refuse_response_edit();
