CREATE TABLE "analytics_snapshots" (
	"org_id" uuid NOT NULL,
	"view" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"body" jsonb NOT NULL,
	CONSTRAINT "analytics_snapshots_org_id_view_pk" PRIMARY KEY("org_id","view")
);
--> statement-breakpoint
-- Hand-written: a stored analytics answer is forgotten by the statement that changes what it was computed from,
-- in that statement's transaction: a plan's summary (every plan write reaches it, migration 0018), a person of
-- the directory (headcounts, groups and managers' names) or a risk flag. The triggers fire once per statement and
-- delete by primary-key prefix, so a write where nothing is stored costs one index probe and takes no lock.
CREATE OR REPLACE FUNCTION mejora_analytics_forget() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM analytics_snapshots s WHERE s.org_id IN (SELECT DISTINCT r.org_id FROM old_rows r);
  ELSE
    DELETE FROM analytics_snapshots s WHERE s.org_id IN (SELECT DISTINCT r.org_id FROM new_rows r);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY array['plan_summaries','employees','risk_flags'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_analytics_forget()', t || '_analytics_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_analytics_forget()', t || '_analytics_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_analytics_forget()', t || '_analytics_delete', t);
  END LOOP;
END;
$$;
