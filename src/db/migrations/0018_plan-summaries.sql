CREATE TABLE "plan_summaries" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_rank" integer NOT NULL,
	"employee_id" uuid NOT NULL,
	"employee_name" text NOT NULL,
	"department" text NOT NULL,
	"manager_name" text NOT NULL,
	"employee_user_id" uuid,
	"manager_user_id" uuid,
	"hr_rep_user_id" uuid,
	"mentor_user_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"duration_weeks" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"progress" integer,
	"has_linked_metric" boolean NOT NULL,
	"unmet_min_progress" numeric,
	"rating_rank" integer,
	"overdue_from" date,
	"check_ins_held" integer NOT NULL,
	"check_ins_missed" integer NOT NULL,
	"mentor_sessions_held" integer NOT NULL,
	"mentor_sessions_missed" integer NOT NULL,
	"activities_done" integer NOT NULL,
	"activities_planned" integer NOT NULL,
	"is_measurable" boolean NOT NULL,
	"is_dated" boolean NOT NULL,
	"days_to_full_signature" double precision,
	CONSTRAINT "plan_summaries_org_id_plan_id_pk" PRIMARY KEY("org_id","plan_id")
);
--> statement-breakpoint
CREATE INDEX "plan_summaries_end_idx" ON "plan_summaries" USING btree ("org_id","end_date","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_start_idx" ON "plan_summaries" USING btree ("org_id","start_date","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_employee_name_idx" ON "plan_summaries" USING btree ("org_id","employee_name","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_manager_name_idx" ON "plan_summaries" USING btree ("org_id","manager_name","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_status_rank_idx" ON "plan_summaries" USING btree ("org_id","status_rank","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_progress_idx" ON "plan_summaries" USING btree ("org_id",coalesce("progress", -1),"plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_status_end_idx" ON "plan_summaries" USING btree ("org_id","status","end_date","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_department_end_idx" ON "plan_summaries" USING btree ("org_id","department","end_date","plan_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_manager_idx" ON "plan_summaries" USING btree ("org_id","manager_user_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_hr_rep_idx" ON "plan_summaries" USING btree ("org_id","hr_rep_user_id");--> statement-breakpoint
CREATE INDEX "plan_summaries_employee_idx" ON "plan_summaries" USING btree ("org_id","employee_id");--> statement-breakpoint
-- Each plan's summary row is rebuilt from the plan's own rows by the database, in the same transaction as the
-- write that changed them. Triggers rather than the write path: plans change through many use cases (editing,
-- check-ins, measurements, signatures, imports, anonymisation, the demo generator), and a trigger cannot be
-- forgotten by a new one. They fire once per statement with the changed rows, so a bulk write rebuilds each
-- affected plan once, set-based. What changes with the calendar alone (a metric's status against the time
-- elapsed, an activity becoming overdue) is not stored: readers combine these facts with today's date.
-- Progress and risk follow the plan page's rules (src/domain/plan/progress.ts, metrics.ts); the pairs of
-- template focus area and activity group are those of activityGroupsOfArea there.
CREATE OR REPLACE FUNCTION mejora_refresh_plan_summaries(plan_ids uuid[]) RETURNS void AS $$
BEGIN
  DELETE FROM plan_summaries s
  WHERE s.plan_id = ANY(plan_ids) AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.id = s.plan_id);
  INSERT INTO plan_summaries AS s (
    org_id, plan_id, status, status_rank, employee_id, employee_name, department, manager_name,
    employee_user_id, manager_user_id, hr_rep_user_id, mentor_user_id, created_by_user_id,
    start_date, end_date, duration_weeks, created_at, closed_at, outcome,
    progress, has_linked_metric, unmet_min_progress, rating_rank, overdue_from,
    check_ins_held, check_ins_missed, mentor_sessions_held, mentor_sessions_missed,
    activities_done, activities_planned, is_measurable, is_dated, days_to_full_signature)
  SELECT p.org_id, p.id, p.status,
    coalesce(array_position(array['draft','in_review','awaiting_acknowledgment','active','paused','closed','cancelled']::text[], p.status), 0),
    p.employee_id, coalesce(p.header->>'employeeName', ''), coalesce(p.header->>'department', ''),
    coalesce(p.header->>'managerName', ''),
    p.employee_user_id, p.manager_user_id, p.hr_rep_user_id, p.mentor_user_id, p.created_by_user_id,
    p.start_date, p.end_date, p.duration_weeks, p.created_at, p.closed_at,
    CASE WHEN p.status = 'closed' THEN p.outcome->>'outcome' WHEN p.status = 'cancelled' THEN 'cancelled' END,
    mf.progress, mf.has_linked_metric, mf.unmet_min_progress,
    (SELECT max(lr.rank)::int FROM focus_areas fa
       CROSS JOIN LATERAL (
         SELECT CASE r.value->>'status' WHEN 'onTrack' THEN 0 WHEN 'atRisk' THEN 1 ELSE 2 END AS rank
         FROM check_ins c CROSS JOIN LATERAL jsonb_array_elements(c.ratings) WITH ORDINALITY AS r(value, n)
         WHERE c.org_id = fa.org_id AND c.plan_id = fa.plan_id AND c.status = 'held'
           AND r.value->>'focusAreaId' = fa.id::text
         ORDER BY c.scheduled_at DESC, r.n DESC LIMIT 1) lr
       WHERE fa.org_id = p.org_id AND fa.plan_id = p.id),
    (SELECT min(a.due_date) FROM activities a
       WHERE a.org_id = p.org_id AND a.plan_id = p.id AND a.status <> 'done' AND a.due_date IS NOT NULL
         AND EXISTS (SELECT 1 FROM focus_areas fa WHERE fa.org_id = a.org_id AND fa.plan_id = a.plan_id
           AND (fa.template_key, a.group_key) IN (VALUES ('technical_skills', 'technical'),
             ('communication_collaboration', 'soft_skills'), ('quality_accuracy', 'professional'),
             ('timeliness_reliability', 'professional')))),
    ci.held, ci.missed, ci.mentor_held, ci.mentor_missed,
    ac.done, ac.planned,
    coalesce(ar.measurable, false), coalesce(ar.dated, false),
    (SELECT extract(epoch FROM sg.signed_at - ap.sent_at) / 86400
       FROM (SELECT max(a.created_at) AS sent_at FROM approvals a
               WHERE a.org_id = p.org_id AND a.plan_id = p.id AND a.round = p.approval_round) ap,
            (SELECT max(g.signed_at) AS signed_at FROM signatures g
               WHERE g.org_id = p.org_id AND g.plan_id = p.id AND g.version >= p.major_version
               HAVING count(DISTINCT g.role) = 3) sg)
  FROM plans p
  CROSS JOIN LATERAL (
    SELECT round(round(avg(mp.progress), 4) * 100)::int AS progress,
      coalesce(bool_or(mp.focus_area_id IS NOT NULL), false) AS has_linked_metric,
      min(mp.progress) FILTER (WHERE mp.focus_area_id IS NOT NULL AND NOT mp.is_met) AS unmet_min_progress
    FROM (
      SELECT m.focus_area_id,
        round(least(1, greatest(0, (cur.value - m.baseline) / (m.target - m.baseline)))::numeric, 4) AS progress,
        round((CASE WHEN m.direction = 'higher' THEN m.target - cur.value ELSE cur.value - m.target END)::numeric, 4)
          <= 0 AS is_met
      FROM metrics m
      CROSS JOIN LATERAL (
        SELECT coalesce(
          (SELECT x.value FROM measurements x
            WHERE x.org_id = m.org_id AND x.plan_id = m.plan_id AND x.metric_id = m.id
            ORDER BY x.date DESC, x.created_at DESC LIMIT 1),
          m.baseline) AS value) cur
      WHERE m.org_id = p.org_id AND m.plan_id = p.id) mp) mf
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE c.status = 'held')::int AS held,
      count(*) FILTER (WHERE c.status = 'missed')::int AS missed,
      count(*) FILTER (WHERE c.status = 'held' AND c.type = 'mentor_session')::int AS mentor_held,
      count(*) FILTER (WHERE c.status = 'missed' AND c.type = 'mentor_session')::int AS mentor_missed
    FROM check_ins c WHERE c.org_id = p.org_id AND c.plan_id = p.id) ci
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE a.status = 'done')::int AS done, count(*)::int AS planned
    FROM activities a WHERE a.org_id = p.org_id AND a.plan_id = p.id) ac
  CROSS JOIN LATERAL (
    SELECT bool_and(EXISTS (SELECT 1 FROM metrics m WHERE m.org_id = f.org_id AND m.focus_area_id = f.id)) AS measurable,
      bool_and(jsonb_path_exists(f.examples, '$[*] ? (@.date != null)')) AS dated
    FROM focus_areas f WHERE f.org_id = p.org_id AND f.plan_id = p.id) ar
  WHERE p.id = ANY(plan_ids)
  ON CONFLICT (org_id, plan_id) DO UPDATE SET
    status = excluded.status, status_rank = excluded.status_rank, employee_id = excluded.employee_id,
    employee_name = excluded.employee_name, department = excluded.department, manager_name = excluded.manager_name,
    employee_user_id = excluded.employee_user_id, manager_user_id = excluded.manager_user_id,
    hr_rep_user_id = excluded.hr_rep_user_id, mentor_user_id = excluded.mentor_user_id,
    created_by_user_id = excluded.created_by_user_id, start_date = excluded.start_date,
    end_date = excluded.end_date, duration_weeks = excluded.duration_weeks, created_at = excluded.created_at,
    closed_at = excluded.closed_at, outcome = excluded.outcome, progress = excluded.progress,
    has_linked_metric = excluded.has_linked_metric, unmet_min_progress = excluded.unmet_min_progress,
    rating_rank = excluded.rating_rank, overdue_from = excluded.overdue_from,
    check_ins_held = excluded.check_ins_held, check_ins_missed = excluded.check_ins_missed,
    mentor_sessions_held = excluded.mentor_sessions_held, mentor_sessions_missed = excluded.mentor_sessions_missed,
    activities_done = excluded.activities_done, activities_planned = excluded.activities_planned,
    is_measurable = excluded.is_measurable, is_dated = excluded.is_dated,
    days_to_full_signature = excluded.days_to_full_signature;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- After each statement on a plan or one of its rows: rebuild the summaries of the plans it touched.
CREATE OR REPLACE FUNCTION mejora_plan_summaries_after() RETURNS trigger AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_TABLE_NAME = 'plans' THEN
    IF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN SELECT array_agg(DISTINCT id) INTO ids FROM new_rows;
    ELSE SELECT array_agg(DISTINCT id) INTO ids FROM old_rows;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN SELECT array_agg(DISTINCT plan_id) INTO ids FROM new_rows;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(DISTINCT x.plan_id) INTO ids
    FROM (SELECT plan_id FROM new_rows UNION SELECT plan_id FROM old_rows) x;
  ELSE SELECT array_agg(DISTINCT plan_id) INTO ids FROM old_rows;
  END IF;
  IF ids IS NOT NULL THEN PERFORM mejora_refresh_plan_summaries(ids); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY array['plans','focus_areas','metrics','measurements','activities','check_ins','approvals','signatures'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after()', t || '_summary_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after()', t || '_summary_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after()', t || '_summary_delete', t);
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT mejora_refresh_plan_summaries(array(SELECT id FROM plans));
--> statement-breakpoint
ANALYZE plan_summaries;
