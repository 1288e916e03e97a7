ALTER TABLE "feedback_requests" ADD COLUMN "metric_conversion" jsonb;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "outcome_recommendation" jsonb;