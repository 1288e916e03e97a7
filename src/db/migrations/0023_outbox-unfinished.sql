CREATE INDEX "outbox_unfinished_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."status" in ('pending', 'sending', 'handed_over');--> statement-breakpoint
ANALYZE outbox;
