ALTER TABLE "plan_versions" ADD COLUMN "major_hash" text NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "approval_round" integer DEFAULT 1 NOT NULL;