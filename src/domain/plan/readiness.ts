// The readiness check: what a plan must show before it reaches the employee, each item saying why it matters and
// how to fix it. Errors block sending for acknowledgment; warnings block until HR accepts them with a reason.
import { defaultTemplate } from '../template/default-templates.ts';
import type { HeadingKey, Locale } from '../template/template.ts';
import { compareDates, daysBetween, isValidDate } from './dates.ts';
import {
  emptyRequiredFields,
  type FocusAreaPrompts,
  type RequiredFieldProblem,
  type RequiredFieldsPlan,
} from './required-fields.ts';
import {
  checkContradictions,
  checkWording,
  type ExtraPair,
  type ExtraTerm,
  type WordingText,
} from './wording.ts';

/** What the plan records about the procedure before it is sent: kept beside the plan, not in the signed text. */
export type AccommodationResolution = {
  decision: 'granted' | 'declined' | 'withdrawn';
  note: string;
  decidedByName: string;
  decidedAt: string;
};

export type PlanProcedure = {
  /** The conversation about the issues held before the plan. */
  priorConversation: { date: string | null; participants: string; summary: string };
  /** The language the employee prefers to receive the plan and meetings in (e.g. "es"); null: not asked. */
  preferredLanguage: string | null;
  /** Whether the employee asked for an accommodation; null: not asked yet. */
  accommodation: {
    status: 'none' | 'requested';
    details: string;
    /** When the request was recorded through its own operation: whether it paused the plan, and from which status. */
    pausedFrom?: 'active' | 'awaiting_acknowledgment' | null;
    /** HR's resolution of the request; absent or null while it waits. */
    resolution?: AccommodationResolution | null;
  } | null;
  /** Why the plan has no mentor, when it has none. */
  noMentorReason: string;
};

export const emptyProcedure: PlanProcedure = {
  priorConversation: { date: null, participants: '', summary: '' },
  preferredLanguage: null,
  accommodation: null,
  noMentorReason: '',
};

export const defaultMinimumPlanDays = 30;
/** A plan shorter than this share of the usual length for the role family gets a warning. */
export const usualLengthShare = 0.5;
/** Fewer earlier plans of a role family than this: no usual length is computed and the item is skipped. */
export const usualLengthMinimumPlans = 5;

export type ReadinessPlan = RequiredFieldsPlan & {
  locale: Locale;
  startDate: string;
  endDate: string;
  focusAreas: (RequiredFieldsPlan['focusAreas'][number] & { deadline: string | null })[];
  metrics: { focusAreaId: string | null; name: string; baseline: number; target: number }[];
  activities: { title: string; dueDate: string | null }[];
  checkInCadence: { frequency: string } | null;
  procedure: PlanProcedure;
  consequences: string;
};

export type ReadinessAcceptance = {
  code: string;
  reason: string;
  acceptedByName: string;
  acceptedAt: string;
};

export type ReadinessContext = {
  today: string;
  minimumPlanDays: number;
  /** Median length in days of the organisation's earlier plans for the same role family; null: too few to say. */
  usualPlanDays: number | null;
  prompts: FocusAreaPrompts;
  extraTerms?: readonly ExtraTerm[];
  extraPairs?: readonly ExtraPair[];
  acceptances?: readonly ReadinessAcceptance[];
};

export type ReadinessItem = {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  why: string;
  fix: string;
  path?: string;
  /** Set when HR accepted this warning: it no longer blocks. */
  acceptance?: ReadinessAcceptance;
};

export type Readiness = { items: ReadinessItem[]; isReady: boolean };

type Text = { why: string; fix: string };
type Copy = {
  placeholder: Text & { message: (field: string) => string };
  emptyField: Text & { message: (field: string) => string };
  undatedExample: Text & { message: (area: string) => string };
  noMetric: Text & { message: (area: string) => string };
  noChange: Text & { message: (metric: string) => string };
  noDeadline: Text & { message: (area: string) => string };
  deadlineOutside: Text & { message: (area: string, deadline: string) => string };
  tooShort: Text & { message: (days: number, minimum: number) => string };
  shorterThanUsual: Text & { message: (days: number, usual: number) => string };
  noActivity: Text & { message: string };
  noCadence: Text & { message: string };
  noMentor: Text & { message: string };
  noConversation: Text & { message: (missing: string) => string };
  futureConversation: Text & { message: (date: string) => string };
  noConsequences: Text & { message: string };
  noLanguage: Text & { message: string };
  noAccommodation: Text & { message: string };
  wording: (excerpt: string, explanation: string) => string;
  wordingWhy: string;
  contradiction: (
    first: string,
    firstPath: string,
    second: string,
    secondPath: string,
    explanation: string,
  ) => string;
  contradictionWhy: string;
  conversationParts: { date: string; participants: string; summary: string };
};

const copy: Record<Locale, Copy> = {
  en: {
    placeholder: {
      message: (f) => `${f} still shows the template prompt.`,
      why: 'A template prompt is a question for the author, not a statement the employee can answer to.',
      fix: 'Replace the prompt with the plan’s own words.',
    },
    emptyField: {
      message: (f) => `${f} is empty.`,
      why: 'Every required part of the plan must be written before the employee receives it.',
      fix: 'Fill in the field.',
    },
    undatedExample: {
      message: (a) => `${a}: no dated example of the issue.`,
      why: 'An issue is substantiated by specific, dated examples; without them it is an opinion that cannot be answered.',
      fix: 'Add at least one example with the date it happened and what happened.',
    },
    noMetric: {
      message: (a) => `${a}: the goal has no linked metric.`,
      why: 'A measurable standard lets both sides see whether the goal is met; without one the outcome is a judgment.',
      fix: 'Link a metric with a baseline and a target to this goal.',
    },
    noChange: {
      message: (m) => `The metric "${m}" has the same baseline and target.`,
      why: 'A target equal to the baseline asks for no change, so it measures nothing the plan asks for.',
      fix: 'Set the target the employee must reach, or confirm that keeping the level is the goal.',
    },
    noDeadline: {
      message: (a) => `${a}: the goal has no deadline.`,
      why: 'A goal without a deadline cannot be assessed at a stated time.',
      fix: 'Set a deadline within the plan dates.',
    },
    deadlineOutside: {
      message: (a, d) => `${a}: the deadline ${d} is outside the plan dates.`,
      why: 'A deadline after the plan ends cannot be assessed at the outcome; one before it starts gives no time.',
      fix: 'Move the deadline within the plan dates.',
    },
    tooShort: {
      message: (d, m) => `The plan lasts ${d} days; the organisation’s minimum is ${m} days.`,
      why: 'The employee must have a reasonable time to improve; a short plan is easily challenged as a formality.',
      fix: 'Extend the plan to at least the minimum length.',
    },
    shorterThanUsual: {
      message: (d, u) =>
        `The plan lasts ${d} days, much shorter than the ${u} days usual in the organisation for this role.`,
      why: 'People in the same situation should be given the same time; a much shorter plan needs a reason.',
      fix: 'Lengthen the plan, or HR accepts this warning with the reason for the shorter time.',
    },
    noActivity: {
      message: 'No development activity has a date.',
      why: 'Support must be listed and scheduled so the employee knows what help comes and when.',
      fix: 'Add at least one development activity with a due date.',
    },
    noCadence: {
      message: 'The check-in cadence is not set.',
      why: 'Regular check-ins are the employee’s chance to hear how they are doing before the outcome.',
      fix: 'Set the weekly or bi-weekly check-in cadence under support resources.',
    },
    noMentor: {
      message: 'The plan has no mentor and no reason for none.',
      why: 'A mentor is part of the support offered; when none is given the record should say why.',
      fix: 'Assign a mentor, or state why the plan has none.',
    },
    noConversation: {
      message: (m) => `The prior conversation about the issues is not recorded (${m}).`,
      why: 'A plan should not be the first time the employee hears of the issues.',
      fix: 'Record when the conversation took place, who took part, and a summary.',
    },
    futureConversation: {
      message: (d) => `The prior conversation is dated ${d}, in the future.`,
      why: 'A prior conversation is one that has already taken place.',
      fix: 'Correct the date, or hold the conversation before sending the plan.',
    },
    noConsequences: {
      message: 'The consequence of not meeting the goals is not stated.',
      why: 'The employee must know what is at stake before signing.',
      fix: 'State the consequence in the plan (the template offers a default wording).',
    },
    noLanguage: {
      message: 'The employee’s preferred language is not recorded.',
      why: 'The employee must be able to read the plan and follow the meetings in a language they understand.',
      fix: 'Record the employee’s preferred language.',
    },
    noAccommodation: {
      message: 'Whether the employee asked for an accommodation is not recorded.',
      why: 'A health condition or disability may call for an adjustment of the plan; it must be asked before it starts.',
      fix: 'Record that the employee asked for none, or the accommodation requested.',
    },
    wording: (e, x) => `"${e}": ${x}`,
    wordingWhy: 'A reviewer, a works council or a tribunal would challenge this wording.',
    contradiction: (a, ap, b, bp, x) => `"${a}" (${ap}) and "${b}" (${bp}): ${x}`,
    contradictionWhy: 'The employee cannot be held to two demands that cannot both be met.',
    conversationParts: { date: 'date', participants: 'who took part', summary: 'summary' },
  },
  es: {
    placeholder: {
      message: (f) => `${f} todavía muestra el texto de ejemplo de la plantilla.`,
      why: 'El texto de ejemplo es una pregunta para quien redacta, no una afirmación a la que el empleado pueda responder.',
      fix: 'Sustituya el texto de ejemplo por la redacción propia del plan.',
    },
    emptyField: {
      message: (f) => `${f}: sin completar.`,
      why: 'Todas las partes obligatorias del plan deben estar redactadas antes de que lo reciba el empleado.',
      fix: 'Complete el campo.',
    },
    undatedExample: {
      message: (a) => `${a}: ningún ejemplo fechado del problema.`,
      why: 'Un problema se fundamenta con ejemplos concretos y fechados; sin ellos es una opinión que no se puede rebatir.',
      fix: 'Añada al menos un ejemplo con la fecha en que ocurrió y lo ocurrido.',
    },
    noMetric: {
      message: (a) => `${a}: el objetivo no tiene ninguna métrica vinculada.`,
      why: 'Un estándar medible permite a ambas partes ver si se cumple el objetivo; sin él, el resultado es un juicio.',
      fix: 'Vincule a este objetivo una métrica con valor inicial y valor objetivo.',
    },
    noChange: {
      message: (m) => `La métrica «${m}» tiene el mismo valor inicial y valor objetivo.`,
      why: 'Un valor objetivo igual al inicial no pide ningún cambio, así que no mide lo que el plan pide.',
      fix: 'Fije el valor objetivo que debe alcanzarse, o confirme que el objetivo es mantener el nivel.',
    },
    noDeadline: {
      message: (a) => `${a}: el objetivo no tiene fecha límite.`,
      why: 'Un objetivo sin fecha límite no puede evaluarse en un momento determinado.',
      fix: 'Fije una fecha límite dentro de las fechas del plan.',
    },
    deadlineOutside: {
      message: (a, d) => `${a}: la fecha límite ${d} está fuera de las fechas del plan.`,
      why: 'Una fecha límite posterior al fin del plan no puede evaluarse en el resultado; una anterior al inicio no deja tiempo.',
      fix: 'Mueva la fecha límite dentro de las fechas del plan.',
    },
    tooShort: {
      message: (d, m) => `El plan dura ${d} días; el mínimo de la organización es de ${m} días.`,
      why: 'El empleado debe tener un tiempo razonable para mejorar; un plan corto se impugna fácilmente como mero trámite.',
      fix: 'Amplíe el plan hasta al menos la duración mínima.',
    },
    shorterThanUsual: {
      message: (d, u) =>
        `El plan dura ${d} días, mucho menos que los ${u} días habituales en la organización para este puesto.`,
      why: 'A personas en la misma situación se les debe dar el mismo tiempo; un plan mucho más corto necesita un motivo.',
      fix: 'Amplíe el plan, o RR. HH. acepta esta advertencia con el motivo del plazo más corto.',
    },
    noActivity: {
      message: 'Ninguna actividad de desarrollo tiene fecha.',
      why: 'El apoyo debe figurar y estar programado para que el empleado sepa qué ayuda recibirá y cuándo.',
      fix: 'Añada al menos una actividad de desarrollo con fecha límite.',
    },
    noCadence: {
      message: 'No se ha fijado la frecuencia de las reuniones de seguimiento.',
      why: 'Las reuniones periódicas permiten al empleado saber cómo avanza antes del resultado.',
      fix: 'Fije la frecuencia semanal o quincenal en los recursos de apoyo.',
    },
    noMentor: {
      message: 'El plan no tiene mentor ni motivo para no tenerlo.',
      why: 'El mentor forma parte del apoyo ofrecido; si no se asigna, el expediente debe decir por qué.',
      fix: 'Asigne un mentor o indique por qué el plan no lo tiene.',
    },
    noConversation: {
      message: (m) => `No consta la conversación previa sobre los problemas (${m}).`,
      why: 'El plan no debería ser la primera noticia que el empleado tiene de los problemas.',
      fix: 'Registre cuándo tuvo lugar la conversación, quién participó y un resumen.',
    },
    futureConversation: {
      message: (d) => `La conversación previa tiene fecha ${d}, en el futuro.`,
      why: 'Una conversación previa es una que ya ha tenido lugar.',
      fix: 'Corrija la fecha o mantenga la conversación antes de enviar el plan.',
    },
    noConsequences: {
      message: 'No se indica la consecuencia de no alcanzar los objetivos.',
      why: 'El empleado debe saber qué está en juego antes de firmar.',
      fix: 'Indique la consecuencia en el plan (la plantilla ofrece una redacción por defecto).',
    },
    noLanguage: {
      message: 'No consta el idioma preferido del empleado.',
      why: 'El empleado debe poder leer el plan y seguir las reuniones en un idioma que comprenda.',
      fix: 'Registre el idioma preferido del empleado.',
    },
    noAccommodation: {
      message: 'No consta si el empleado ha pedido una adaptación.',
      why: 'Una condición de salud o discapacidad puede requerir adaptar el plan; debe preguntarse antes de empezar.',
      fix: 'Registre que el empleado no pidió ninguna, o la adaptación solicitada.',
    },
    wording: (e, x) => `«${e}»: ${x}`,
    wordingWhy: 'Quien revise el plan, el comité de empresa o un tribunal cuestionaría esta redacción.',
    contradiction: (a, ap, b, bp, x) => `«${a}» (${ap}) y «${b}» (${bp}): ${x}`,
    contradictionWhy: 'No se puede exigir a la persona dos cosas que no pueden cumplirse a la vez.',
    conversationParts: { date: 'fecha', participants: 'participantes', summary: 'resumen' },
  },
};

/** The texts the wording check reads: every focus area's written parts, its examples, the prior conversation. */
export function wordingTexts(plan: Pick<ReadinessPlan, 'focusAreas' | 'procedure'>): WordingText[] {
  const texts: WordingText[] = [];
  for (const area of plan.focusAreas) {
    for (const field of [
      'issue',
      'impact',
      'requiredStandard',
      'goal',
      'measurement',
      'successCriteria',
    ] as const)
      texts.push({ path: `focusAreas/${area.id}/${field}`, text: area[field] });
    area.examples.forEach((e, i) => {
      texts.push({ path: `focusAreas/${area.id}/examples/${i}`, text: e.text });
    });
  }
  texts.push({
    path: 'procedure/priorConversation/summary',
    text: plan.procedure.priorConversation.summary,
  });
  return texts;
}

/** The template's label of each support section and field, so that a message names them as the plan does. */
const sectionHeading: Record<NonNullable<RequiredFieldProblem['section']>, HeadingKey> = {
  hr: 'hrSupport',
  mentor: 'mentorAssignment',
  training: 'trainingResources',
};
const supportFieldHeading: Record<string, HeadingKey> = {
  availability: 'availability',
  supportAreas: 'supportAreas',
  additionalResources: 'additionalHrResources',
  focusAreas: 'focusAreas',
  supportProvided: 'supportProvided',
  internal: 'internalTraining',
  external: 'externalTraining',
  online: 'onlineLearning',
  certification: 'certificationPrograms',
};

/** "Communication: Performance Issue", "Apoyo de RR. HH.: Disponibilidad": the field as the plan's language labels it. */
export function fieldLabel(problem: RequiredFieldProblem, locale: Locale): string {
  const headings = defaultTemplate(locale).headings;
  const heading = (key: string | undefined, fallback: string) =>
    key && key in headings ? headings[key as HeadingKey] : fallback;
  if (problem.section)
    return `${heading(sectionHeading[problem.section], problem.section)}: ${heading(supportFieldHeading[problem.field], problem.field)}`;
  return `${problem.area ?? ''}: ${heading(problem.field, problem.field)}`;
}

const planDays = (start: string, end: string) => daysBetween(start, end) + 1;

export function checkReadiness(plan: ReadinessPlan, context: ReadinessContext): Readiness {
  const t = copy[plan.locale];
  const items: ReadinessItem[] = [];
  const add = (
    code: string,
    severity: ReadinessItem['severity'],
    text: Text,
    message: string,
    path?: string,
  ) => {
    items.push({ code, severity, message, why: text.why, fix: text.fix, ...(path ? { path } : {}) });
  };

  for (const problem of emptyRequiredFields(plan, context.prompts)) {
    if (problem.path.endsWith('/examples')) continue; // said below, with the dates
    const field = fieldLabel(problem, plan.locale);
    if (problem.kind === 'prompt')
      add('placeholder', 'error', t.placeholder, t.placeholder.message(field), problem.path);
    else add('field.empty', 'error', t.emptyField, t.emptyField.message(field), problem.path);
  }

  for (const area of plan.focusAreas) {
    const base = `focusAreas/${area.id}`;
    const isDated = area.examples.some((e) => e.text.trim() !== '' && e.date !== null && isValidDate(e.date));
    if (!isDated)
      add(
        'issue.undated_example',
        'error',
        t.undatedExample,
        t.undatedExample.message(area.title),
        `${base}/examples`,
      );
    const linked = plan.metrics.filter((m) => m.focusAreaId === area.id);
    if (linked.length === 0)
      add('goal.no_metric', 'error', t.noMetric, t.noMetric.message(area.title), `${base}/metrics`);
    for (const m of linked) {
      if (m.baseline === m.target)
        add('goal.no_change', 'warning', t.noChange, t.noChange.message(m.name), `${base}/metrics`);
    }
    const deadline = area.deadline?.trim() ?? '';
    if (deadline === '' || !isValidDate(deadline))
      add('goal.no_deadline', 'error', t.noDeadline, t.noDeadline.message(area.title), `${base}/deadline`);
    else if (compareDates(deadline, plan.startDate) < 0 || compareDates(deadline, plan.endDate) > 0)
      add(
        'goal.deadline_outside',
        'error',
        t.deadlineOutside,
        t.deadlineOutside.message(area.title, deadline),
        `${base}/deadline`,
      );
  }

  const days = planDays(plan.startDate, plan.endDate);
  if (days < context.minimumPlanDays)
    add('length.minimum', 'error', t.tooShort, t.tooShort.message(days, context.minimumPlanDays), 'endDate');
  else if (context.usualPlanDays !== null && days < context.usualPlanDays * usualLengthShare)
    add(
      'length.shorter_than_usual',
      'warning',
      t.shorterThanUsual,
      t.shorterThanUsual.message(days, context.usualPlanDays),
      'endDate',
    );

  if (!plan.activities.some((a) => a.dueDate !== null && isValidDate(a.dueDate)))
    add('support.no_activity', 'error', t.noActivity, t.noActivity.message, 'activities');
  if (!plan.checkInCadence?.frequency)
    add('support.no_cadence', 'error', t.noCadence, t.noCadence.message, 'support/managerCheckIn');
  if (!plan.hasMentor && plan.procedure.noMentorReason.trim() === '')
    add('support.no_mentor', 'error', t.noMentor, t.noMentor.message, 'procedure/noMentorReason');

  const conversation = plan.procedure.priorConversation;
  const missing = [
    conversation.date === null || !isValidDate(conversation.date) ? t.conversationParts.date : null,
    conversation.participants.trim() === '' ? t.conversationParts.participants : null,
    conversation.summary.trim() === '' ? t.conversationParts.summary : null,
  ].filter((x): x is string => x !== null);
  if (missing.length)
    add(
      'conversation.missing',
      'error',
      t.noConversation,
      t.noConversation.message(missing.join(', ')),
      'procedure/priorConversation',
    );
  else if (conversation.date !== null && compareDates(conversation.date, context.today) > 0)
    add(
      'conversation.future',
      'error',
      t.futureConversation,
      t.futureConversation.message(conversation.date),
      'procedure/priorConversation/date',
    );

  if (plan.consequences.trim() === '')
    add('consequences.missing', 'error', t.noConsequences, t.noConsequences.message, 'consequences');
  if (!plan.procedure.preferredLanguage?.trim())
    add('language.missing', 'error', t.noLanguage, t.noLanguage.message, 'procedure/preferredLanguage');
  if (plan.procedure.accommodation === null)
    add(
      'accommodation.missing',
      'error',
      t.noAccommodation,
      t.noAccommodation.message,
      'procedure/accommodation',
    );

  for (const hit of checkWording(wordingTexts(plan), {
    locale: plan.locale,
    extraTerms: context.extraTerms ?? [],
  })) {
    items.push({
      code: `wording.${hit.category}`,
      severity: 'warning',
      message: t.wording(hit.excerpt, hit.explanation),
      why: t.wordingWhy,
      fix: hit.suggestion,
      path: hit.path,
    });
  }
  for (const hit of checkContradictions(wordingTexts(plan), {
    locale: plan.locale,
    extraPairs: context.extraPairs ?? [],
  })) {
    items.push({
      code: 'wording.contradictory_demand',
      severity: 'warning',
      message: t.contradiction(
        hit.first.excerpt,
        hit.first.path,
        hit.second.excerpt,
        hit.second.path,
        hit.explanation,
      ),
      why: t.contradictionWhy,
      fix: hit.suggestion,
      path: hit.first.path,
    });
  }

  const accepted = new Map((context.acceptances ?? []).map((a) => [a.code, a]));
  for (const item of items) {
    const acceptance = accepted.get(item.code);
    if (item.severity === 'warning' && acceptance) item.acceptance = acceptance;
  }
  return { items, isReady: items.every((i) => i.severity === 'warning' && i.acceptance !== undefined) };
}

/** The items that still stop the plan from being sent: errors, and warnings HR has not accepted. */
export const blockingItems = (readiness: Readiness): ReadinessItem[] =>
  readiness.items.filter((i) => i.severity === 'error' || !i.acceptance);

/** The median of earlier plan lengths in days, or null when there are too few to call it usual. */
export function usualLength(lengthsInDays: readonly number[]): number | null {
  if (lengthsInDays.length < usualLengthMinimumPlans) return null;
  const sorted = [...lengthsInDays].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
