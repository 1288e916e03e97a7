CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_owner_name_idx" ON "saved_views" USING btree ("org_id","owner_user_id","name");--> statement-breakpoint
-- Hand-written: the database bumps a saved view's revision on every update (see decision 0006).
CREATE TRIGGER saved_views_bump_revision BEFORE UPDATE ON saved_views FOR EACH ROW EXECUTE FUNCTION mejora_bump_revision();
