ALTER TABLE "plans" ADD COLUMN "search_text" text GENERATED ALWAYS AS (coalesce(header->>'employeeName', '') || E'\n' || coalesce(header->>'position', '') || E'\n' || coalesce(header->>'department', '')) STORED;--> statement-breakpoint
-- Hand-written: the plans list's search reads the stored column; its trigram index replaces the index on the
-- same expression (migration 0020), which the planner passed over for a sequential read that took the header
-- apart for every plan. Where pg_trgm cannot be created, the search reads the column without an index.
DROP INDEX IF EXISTS plans_search_trgm_idx;
--> statement-breakpoint
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%); the plans search runs without its index', SQLERRM;
    RETURN;
  END;
  CREATE INDEX IF NOT EXISTS plans_search_text_trgm_idx ON plans USING gin (search_text gin_trgm_ops);
END;
$$;
--> statement-breakpoint
ANALYZE plans;
