CREATE TABLE "document_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"format" text NOT NULL,
	"locale" text,
	"statuses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total" integer,
	"rendered" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"rate" real,
	"eta_seconds" integer,
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"zip_bytes" bigint,
	"zip_sha256" text,
	"error" text,
	"cancel_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "document_exports_org_idx" ON "document_exports" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "document_exports_status_idx" ON "document_exports" USING btree ("status");