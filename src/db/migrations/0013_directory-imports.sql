CREATE TABLE "directory_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"is_deactivating_missing" boolean DEFAULT false NOT NULL,
	"fingerprint" text NOT NULL,
	"plan" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"applied_by_user_id" uuid
);
--> statement-breakpoint
CREATE INDEX "directory_imports_org_idx" ON "directory_imports" USING btree ("org_id","created_at");