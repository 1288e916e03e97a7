ALTER TABLE "plan_summaries" ADD COLUMN "person_is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "person_department" text;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "person_manager_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "is_approved_by_manager" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "is_approved_by_hr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "is_signed_by_employee" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "is_signed_by_manager" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "is_signed_by_hr" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "unwitnessed_refusals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "pending_adjustments" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "next_check_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "next_mentor_session_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "plan_summaries" ADD COLUMN "has_outcome_recommendation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Hand-written: the summary row also carries what the HR analytics and the inbox would otherwise read from other
-- tables for every plan: the planned person's current department, manager and presence in the directory (the
-- analytics count a plan where its person is now), and what may wait on someone (approvals of the current round,
-- who acted on the version that counts, refusals not witnessed, adjustments pending, the next scheduled check-in
-- and mentor session, whether an outcome is recommended). The same rules as the inbox's domain
-- (src/domain/inbox.ts, src/domain/plan/signatures.ts); what moves with the calendar (is a check-in due, has the
-- end date passed) stays with the reader.
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
    activities_done, activities_planned, is_measurable, is_dated, days_to_full_signature,
    person_is_active, person_department, person_manager_id,
    is_approved_by_manager, is_approved_by_hr, is_signed_by_employee, is_signed_by_manager, is_signed_by_hr,
    unwitnessed_refusals, pending_adjustments, next_check_in_at, next_mentor_session_at,
    has_outcome_recommendation)
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
               HAVING count(DISTINCT g.role) = 3) sg),
    pe.deactivated_at IS NULL, pe.department, pe.manager_id,
    coalesce(apr.manager, false), coalesce(apr.hr, false),
    coalesce(sig.employee, false), coalesce(sig.manager, false), coalesce(sig.hr, false),
    coalesce(sig.unwitnessed, 0), coalesce(adj.pending, 0),
    ci.next_check_in_at, ci.next_mentor_session_at,
    p.outcome_recommendation IS NOT NULL
  FROM plans p
  LEFT JOIN employees pe ON pe.org_id = p.org_id AND pe.id = p.employee_id
  CROSS JOIN LATERAL (
    SELECT bool_or(a.role = 'manager') AS manager, bool_or(a.role = 'hr') AS hr
    FROM approvals a WHERE a.org_id = p.org_id AND a.plan_id = p.id AND a.round = p.approval_round) apr
  CROSS JOIN LATERAL (
    SELECT bool_or(g.role = 'employee') AS employee, bool_or(g.role = 'manager') AS manager,
      bool_or(g.role = 'hr') AS hr,
      (count(*) FILTER (WHERE g.is_refused AND g.witnessed_at IS NULL))::int AS unwitnessed
    FROM signatures g WHERE g.org_id = p.org_id AND g.plan_id = p.id AND g.version >= p.major_version) sig
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS pending FROM adjustments j
    WHERE j.org_id = p.org_id AND j.plan_id = p.id AND j.status = 'pending') adj
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
      count(*) FILTER (WHERE c.status = 'missed' AND c.type = 'mentor_session')::int AS mentor_missed,
      min(c.scheduled_at) FILTER (WHERE c.status = 'scheduled' AND c.type <> 'mentor_session') AS next_check_in_at,
      min(c.scheduled_at) FILTER (WHERE c.status = 'scheduled' AND c.type = 'mentor_session') AS next_mentor_session_at
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
    days_to_full_signature = excluded.days_to_full_signature,
    person_is_active = excluded.person_is_active, person_department = excluded.person_department,
    person_manager_id = excluded.person_manager_id,
    is_approved_by_manager = excluded.is_approved_by_manager, is_approved_by_hr = excluded.is_approved_by_hr,
    is_signed_by_employee = excluded.is_signed_by_employee, is_signed_by_manager = excluded.is_signed_by_manager,
    is_signed_by_hr = excluded.is_signed_by_hr, unwitnessed_refusals = excluded.unwitnessed_refusals,
    pending_adjustments = excluded.pending_adjustments, next_check_in_at = excluded.next_check_in_at,
    next_mentor_session_at = excluded.next_mentor_session_at,
    has_outcome_recommendation = excluded.has_outcome_recommendation;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Adjustments now feed the summary too (pending ones wait on HR).
CREATE TRIGGER adjustments_summary_insert AFTER INSERT ON adjustments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after();
--> statement-breakpoint
CREATE TRIGGER adjustments_summary_update AFTER UPDATE ON adjustments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after();
--> statement-breakpoint
CREATE TRIGGER adjustments_summary_delete AFTER DELETE ON adjustments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_after();
--> statement-breakpoint
-- A person who moves department or manager, leaves or comes back: their plans' rows follow, in the same
-- statement's transaction. Only the three columns change, so nothing else of the plan is recomputed.
CREATE OR REPLACE FUNCTION mejora_plan_summaries_people_after() RETURNS trigger AS $$
BEGIN
  UPDATE plan_summaries s
  SET person_is_active = n.deactivated_at IS NULL, person_department = n.department, person_manager_id = n.manager_id
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE s.org_id = n.org_id AND s.employee_id = n.id
    AND (o.department IS DISTINCT FROM n.department OR o.manager_id IS DISTINCT FROM n.manager_id
      OR (o.deactivated_at IS NULL) <> (n.deactivated_at IS NULL));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER employees_plan_summaries_update AFTER UPDATE ON employees REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mejora_plan_summaries_people_after();
--> statement-breakpoint
SELECT mejora_refresh_plan_summaries(array(SELECT id FROM plans));
--> statement-breakpoint
ANALYZE plan_summaries;
