ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "employee_number" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "employees" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "employees_org_number_idx" ON "employees" USING btree ("org_id","employee_number") WHERE "employees"."employee_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "employees_org_external_idx" ON "employees" USING btree ("org_id","external_id") WHERE "employees"."external_id" is not null;