CREATE INDEX "check_ins_org_status_idx" ON "check_ins" USING btree ("org_id","status","scheduled_at","type");--> statement-breakpoint
CREATE INDEX "check_ins_mentor_held_idx" ON "check_ins" USING btree ("org_id","plan_id") WHERE "check_ins"."type" = 'mentor_session' and "check_ins"."status" = 'held';--> statement-breakpoint
CREATE INDEX "employees_org_department_idx" ON "employees" USING btree ("org_id","department");--> statement-breakpoint
CREATE INDEX "metrics_focus_area_idx" ON "metrics" USING btree ("org_id","focus_area_id");--> statement-breakpoint
CREATE INDEX "plans_org_status_created_idx" ON "plans" USING btree ("org_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "plans_org_manager_created_idx" ON "plans" USING btree ("org_id","manager_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "plans_org_department_created_idx" ON "plans" USING btree ("org_id",("header"->>'department'),"created_at","id");--> statement-breakpoint
CREATE INDEX "plans_org_hr_rep_idx" ON "plans" USING btree ("org_id","hr_rep_user_id");