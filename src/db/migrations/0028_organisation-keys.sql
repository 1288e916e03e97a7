-- Hand-edited: every tenant table's primary key and every foreign key between tenant tables carry org_id, the
-- distribution column (decision 0009). drizzle-kit cannot name the primary keys it drops: each was PostgreSQL's
-- default, <table>_pkey. A foreign key that sets its column to null names that column alone (PostgreSQL 15), so
-- that org_id, which is part of the key, is never set to null.
ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "feedback_requests" DROP CONSTRAINT "feedback_requests_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "feedback_requests" DROP CONSTRAINT "feedback_requests_metric_id_metrics_id_fk";
--> statement-breakpoint
ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "risk_flags" DROP CONSTRAINT "risk_flags_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "employees" DROP CONSTRAINT "employees_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "employees" DROP CONSTRAINT "employees_manager_id_employees_id_fk";
--> statement-breakpoint
ALTER TABLE "document_exports" DROP CONSTRAINT "document_exports_zip_file_id_stored_files_id_fk";
--> statement-breakpoint
ALTER TABLE "appeals" DROP CONSTRAINT "appeals_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_responses" DROP CONSTRAINT "plan_responses_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "readiness_acceptances" DROP CONSTRAINT "readiness_acceptances_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "stored_file_chunks" DROP CONSTRAINT "stored_file_chunks_file_id_stored_files_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk";
--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "one_time_tokens" DROP CONSTRAINT "one_time_tokens_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "role_memberships" DROP CONSTRAINT "role_memberships_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "adjustments" DROP CONSTRAINT "adjustments_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "approvals" DROP CONSTRAINT "approvals_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "expenses" DROP CONSTRAINT "expenses_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "focus_areas" DROP CONSTRAINT "focus_areas_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_metric_id_metrics_id_fk";
--> statement-breakpoint
ALTER TABLE "metrics" DROP CONSTRAINT "metrics_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "metrics" DROP CONSTRAINT "metrics_focus_area_id_focus_areas_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_comments" DROP CONSTRAINT "plan_comments_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_employee_id_employees_id_fk";
--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_employee_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_manager_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_hr_rep_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_mentor_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "signatures" DROP CONSTRAINT "signatures_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "success_criteria" DROP CONSTRAINT "success_criteria_plan_id_plans_id_fk";
--> statement-breakpoint
ALTER TABLE "scim_tokens" DROP CONSTRAINT "scim_tokens_created_by_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "organization_sso" DROP CONSTRAINT "organization_sso_break_glass_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "sso_identities" DROP CONSTRAINT "sso_identities_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "stored_file_chunks" DROP CONSTRAINT "stored_file_chunks_file_id_seq_pk";--> statement-breakpoint
ALTER TABLE "audit_checkpoints" DROP CONSTRAINT "audit_checkpoints_pkey";--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_pkey";--> statement-breakpoint
ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_pkey";--> statement-breakpoint
ALTER TABLE "feedback_requests" DROP CONSTRAINT "feedback_requests_pkey";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_pkey";--> statement-breakpoint
ALTER TABLE "progress_reports" DROP CONSTRAINT "progress_reports_pkey";--> statement-breakpoint
ALTER TABLE "directory_imports" DROP CONSTRAINT "directory_imports_pkey";--> statement-breakpoint
ALTER TABLE "employees" DROP CONSTRAINT "employees_pkey";--> statement-breakpoint
ALTER TABLE "document_exports" DROP CONSTRAINT "document_exports_pkey";--> statement-breakpoint
ALTER TABLE "appeals" DROP CONSTRAINT "appeals_pkey";--> statement-breakpoint
ALTER TABLE "plan_responses" DROP CONSTRAINT "plan_responses_pkey";--> statement-breakpoint
ALTER TABLE "readiness_acceptances" DROP CONSTRAINT "readiness_acceptances_pkey";--> statement-breakpoint
ALTER TABLE "stored_files" DROP CONSTRAINT "stored_files_pkey";--> statement-breakpoint
ALTER TABLE "chat_messages" DROP CONSTRAINT "chat_messages_pkey";--> statement-breakpoint
ALTER TABLE "digest_items" DROP CONSTRAINT "digest_items_pkey";--> statement-breakpoint
ALTER TABLE "webhook_attempts" DROP CONSTRAINT "webhook_attempts_pkey";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_pkey";--> statement-breakpoint
ALTER TABLE "webhooks" DROP CONSTRAINT "webhooks_pkey";--> statement-breakpoint
ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_pkey";--> statement-breakpoint
ALTER TABLE "one_time_tokens" DROP CONSTRAINT "one_time_tokens_pkey";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_pkey";--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_pkey";--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_pkey";--> statement-breakpoint
ALTER TABLE "adjustments" DROP CONSTRAINT "adjustments_pkey";--> statement-breakpoint
ALTER TABLE "approvals" DROP CONSTRAINT "approvals_pkey";--> statement-breakpoint
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_pkey";--> statement-breakpoint
ALTER TABLE "expenses" DROP CONSTRAINT "expenses_pkey";--> statement-breakpoint
ALTER TABLE "focus_areas" DROP CONSTRAINT "focus_areas_pkey";--> statement-breakpoint
ALTER TABLE "measurements" DROP CONSTRAINT "measurements_pkey";--> statement-breakpoint
ALTER TABLE "metrics" DROP CONSTRAINT "metrics_pkey";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_pkey";--> statement-breakpoint
ALTER TABLE "plan_comments" DROP CONSTRAINT "plan_comments_pkey";--> statement-breakpoint
ALTER TABLE "plan_templates" DROP CONSTRAINT "plan_templates_pkey";--> statement-breakpoint
ALTER TABLE "plan_versions" DROP CONSTRAINT "plan_versions_pkey";--> statement-breakpoint
ALTER TABLE "plans" DROP CONSTRAINT "plans_pkey";--> statement-breakpoint
ALTER TABLE "signatures" DROP CONSTRAINT "signatures_pkey";--> statement-breakpoint
ALTER TABLE "success_criteria" DROP CONSTRAINT "success_criteria_pkey";--> statement-breakpoint
ALTER TABLE "saved_views" DROP CONSTRAINT "saved_views_pkey";--> statement-breakpoint
ALTER TABLE "scim_tokens" DROP CONSTRAINT "scim_tokens_pkey";--> statement-breakpoint
ALTER TABLE "sso_sign_ins" DROP CONSTRAINT "sso_sign_ins_pkey";--> statement-breakpoint
ALTER TABLE "audit_checkpoints" ADD CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "plan_responses" ADD CONSTRAINT "plan_responses_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "readiness_acceptances" ADD CONSTRAINT "readiness_acceptances_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "stored_file_chunks_org_id_file_id_seq_pk" PRIMARY KEY("org_id","file_id","seq");--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "plan_templates" ADD CONSTRAINT "plan_templates_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "sso_sign_ins" ADD CONSTRAINT "sso_sign_ins_pkey" PRIMARY KEY("org_id","id");--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_requests" ADD CONSTRAINT "feedback_requests_metric_id_fkey" FOREIGN KEY ("org_id","metric_id") REFERENCES "public"."metrics"("org_id","id") ON DELETE SET NULL ("metric_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employees" ADD CONSTRAINT "employees_manager_id_fkey" FOREIGN KEY ("org_id","manager_id") REFERENCES "public"."employees"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_exports" ADD CONSTRAINT "document_exports_zip_file_id_fkey" FOREIGN KEY ("org_id","zip_file_id") REFERENCES "public"."stored_files"("org_id","id") ON DELETE SET NULL ("zip_file_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_responses" ADD CONSTRAINT "plan_responses_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "readiness_acceptances" ADD CONSTRAINT "readiness_acceptances_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_file_chunks" ADD CONSTRAINT "stored_file_chunks_file_id_fkey" FOREIGN KEY ("org_id","file_id") REFERENCES "public"."stored_files"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("org_id","delivery_id") REFERENCES "public"."webhook_deliveries"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("org_id","webhook_id") REFERENCES "public"."webhooks"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_memberships" ADD CONSTRAINT "role_memberships_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adjustments" ADD CONSTRAINT "adjustments_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenses" ADD CONSTRAINT "expenses_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_areas" ADD CONSTRAINT "focus_areas_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measurements" ADD CONSTRAINT "measurements_metric_id_fkey" FOREIGN KEY ("org_id","metric_id") REFERENCES "public"."metrics"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_focus_area_id_fkey" FOREIGN KEY ("org_id","focus_area_id") REFERENCES "public"."focus_areas"("org_id","id") ON DELETE SET NULL ("focus_area_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_comments" ADD CONSTRAINT "plan_comments_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_employee_id_fkey" FOREIGN KEY ("org_id","employee_id") REFERENCES "public"."employees"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_employee_user_id_fkey" FOREIGN KEY ("org_id","employee_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_manager_user_id_fkey" FOREIGN KEY ("org_id","manager_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_hr_rep_user_id_fkey" FOREIGN KEY ("org_id","hr_rep_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_mentor_user_id_fkey" FOREIGN KEY ("org_id","mentor_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_plan_id_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_user_id_fkey" FOREIGN KEY ("org_id","created_by_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_sso" ADD CONSTRAINT "organization_sso_break_glass_user_id_fkey" FOREIGN KEY ("org_id","break_glass_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_user_id_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_id_idx" ON "sessions" USING btree ("id");--> statement-breakpoint
CREATE INDEX "sso_sign_ins_id_idx" ON "sso_sign_ins" USING btree ("id");