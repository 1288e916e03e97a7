// Creates a draft plan for an employee from a template: every section of the PIP filled in the plan's language.
import { and, eq, isNull } from 'drizzle-orm';
import type { PlanCreate, PlanView } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import {
  activities,
  contacts,
  employees,
  focusAreas,
  organizations,
  plans,
  planTemplates,
  successCriteria,
} from '../../db/schema/index.ts';
import { canOnEmployee } from '../../domain/access/policy.ts';
import { invalidField } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { buildPlanContent, type PlanHeader } from '../../domain/plan/plan.ts';
import { buildTimeline, planEndDate } from '../../domain/plan/timeline.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import { type PlanTemplate, planTemplateSchema } from '../../domain/template/template.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { commitPlanChange } from './commit-plan-change.ts';
import { presentPlan } from './present-plan.ts';
import { findUserWithRole } from './users-with-role.ts';

export async function createPlan(ctx: ServiceContext, input: PlanCreate): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const [employee] = await tx
      .select()
      .from(employees)
      .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, input.employeeId)));
    const facts = employee && {
      orgId: actor.orgId,
      employeeId: employee.id,
      userId: employee.userId,
      managerId: employee.managerId,
    };
    if (!employee || !canOnEmployee(actor, 'employee.create_plan', facts!)) {
      throw invalidField('body/employeeId', 'no employee you can create a plan for has this id');
    }
    const [manager] = employee.managerId
      ? await tx
          .select()
          .from(employees)
          .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, employee.managerId)))
      : [];
    const hrRep = await findUserWithRole(tx, actor.orgId, input.hrRepId, ['hr', 'hr_admin'], 'body/hrRepId');
    const mentor = await findUserWithRole(tx, actor.orgId, input.mentorId, ['mentor'], 'body/mentorId');
    // An HR representative creating a plan is its HR contact unless another is named.
    const hrRepId = hrRep?.id ?? (actor.roles.has('hr') ? actor.userId : null);
    const hrRepName = hrRep?.name ?? (actor.roles.has('hr') ? actor.name : null);
    const template = await resolveTemplate(tx, actor.orgId, input.templateId ?? 'default', input.locale);
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.orgId));
    const mentorEmployee = mentor
      ? (
          await tx
            .select()
            .from(employees)
            .where(and(eq(employees.orgId, actor.orgId), eq(employees.userId, mentor.id)))
        )[0]
      : undefined;

    const header: PlanHeader = {
      organizationName: org.name,
      employeeName: employee.name,
      position: employee.jobTitle,
      department: employee.department,
      managerName: manager?.name ?? null,
      hrRepName,
      mentorName: mentor?.name ?? null,
      mentorRole: mentorEmployee?.jobTitle ?? null,
    };
    const endDate = planEndDate(input.startDate, input.durationWeeks);
    const timeline = buildTimeline(template.timeline, input.startDate, input.durationWeeks);
    const now = deps.now().toISOString();
    const [plan] = await tx
      .insert(plans)
      .values({
        orgId: actor.orgId,
        employeeId: employee.id,
        status: 'draft',
        locale: input.locale,
        templateId: template.id,
        templateVersion: template.version,
        startDate: input.startDate,
        durationWeeks: input.durationWeeks,
        endDate,
        employeeUserId: employee.userId,
        managerUserId: manager?.userId ?? null,
        hrRepUserId: hrRepId,
        mentorUserId: mentor?.id ?? null,
        createdByUserId: actor.userId,
        header,
        content: buildPlanContent(template, header, timeline),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: plans.id });
    const base = { orgId: actor.orgId, planId: plan.id };

    // The template's texts for these fields are prompts: the plan starts with them empty, and the web app
    // shows the prompt as the input's placeholder (from the template, by the area's templateKey).
    await tx.insert(focusAreas).values(
      template.focusAreas.map((area, position) => ({
        ...base,
        position,
        templateKey: area.key,
        title: area.title,
        goalTitle: area.goalTitle,
        issue: '',
        impact: '',
        examples: [],
        requiredStandard: '',
        goal: '',
        measurement: '',
        deadline: endDate,
        successCriteria: '',
      })),
    );
    // Technical skills are due by the end of skill development; the rest by the end of application.
    const phaseEnd = (index: number) => timeline.phases[Math.min(index, timeline.phases.length - 1)].endDate;
    let position = 0;
    const activityRows = template.development.groups.flatMap((group) =>
      group.sections.flatMap((section) =>
        section.items.map((title) => ({
          ...base,
          position: position++,
          groupKey: group.key,
          section: section.title,
          title,
          dueDate: group.key === 'technical' ? phaseEnd(1) : phaseEnd(2),
          status: 'todo' as const,
        })),
      ),
    );
    await tx.insert(activities).values(activityRows);
    await tx
      .insert(successCriteria)
      .values(template.successCriteria.map((text, i) => ({ ...base, position: i, text, isMet: false })));
    await tx.insert(contacts).values(await defaultContacts(tx, actor.orgId, plan.id, template));

    const committed = await commitPlanChange(tx, ctx, plan.id, {
      action: 'plan.created',
      entityType: 'plan',
      reason: 'created',
      digest: { template: `${template.id}@${template.version}`, locale: input.locale },
    });
    const today = todayIn(org.settings.timezone, deps.now());
    return presentPlan(actor, committed.aggregate, today);
  });
}

export async function resolveTemplate(
  tx: Tx,
  orgId: string,
  templateId: string,
  locale: 'en' | 'es',
): Promise<PlanTemplate> {
  if (templateId === 'default') return defaultTemplate(locale);
  const isUuid = /^[0-9a-f-]{36}$/i.test(templateId);
  const [row] = isUuid
    ? await tx
        .select()
        .from(planTemplates)
        .where(and(eq(planTemplates.orgId, orgId), eq(planTemplates.id, templateId)))
    : [];
  if (!row) throw invalidField('body/templateId', 'no template with this id');
  if (row.locale !== locale) throw invalidField('body/locale', `the template is in ${row.locale}`);
  return { ...planTemplateSchema.parse(row.body), id: row.id, version: row.version };
}

/** The organisation's default contacts and links, or the template's empty entries when it has none. */
async function defaultContacts(tx: Tx, orgId: string, planId: string, template: PlanTemplate) {
  const orgRows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), isNull(contacts.planId)));
  if (orgRows.length) return orgRows.map(({ id: _id, ...row }) => ({ ...row, planId }));
  const empty = { name: null, email: null, phone: null, location: null, url: null, instructions: null };
  return [
    ...template.contacts.additional.map((c, i) => ({
      orgId,
      planId,
      kind: 'contact' as const,
      key: c.key,
      position: i,
      label: c.label,
      ...empty,
    })),
    ...template.contacts.resources.map((c, i) => ({
      orgId,
      planId,
      kind: 'resource' as const,
      key: c.key,
      position: i,
      label: c.label,
      ...empty,
    })),
  ];
}
