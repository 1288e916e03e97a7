// What a plan document prints, decided once for the PDF, the DOCX and the dossier: a field still holding its
// template prompt, or empty, prints as a blank line to fill in (never the prompt as if it were content); values
// the plan holds elsewhere (training budget, hours per week, the mentor's role) print where the template has their
// line; template texts still as shipped print in the document's language; the plan's own text stays as written.
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import { defaultTemplate } from '../domain/template/default-templates.ts';
import type { Locale } from '../domain/template/template.ts';

/** A line to fill in by hand, printed where the template has a line and the plan has nothing. */
export const blankLine = '______________________________';

/** Something the employee wrote for the record: at signing, at refusal, or any time after. */
export type EmployeeResponse = {
  text: string;
  /** ISO timestamp. */
  at: string;
  context: 'signing' | 'refusal' | 'response' | 'comment';
};

/** What the documents print beyond the plan as the API shows it. */
export type DocumentExtras = {
  /** The mentor's job title, printed after their name as the template's "Mentor Name - Mentor Role" line. */
  mentorRole?: string | null;
  /** The employee's responses, oldest first; printed in the section "Employee's response". */
  responses?: EmployeeResponse[];
  /** The day the timeline's done / not done marks are read as of (YYYY-MM-DD); today in UTC by default. */
  asOf?: string;
};

const focusAreaPromptFields = [
  'issue',
  'impact',
  'examples',
  'requiredStandard',
  'goal',
  'measurement',
  'timeline',
  'successCriteria',
] as const;

let templatePrompts: Set<string> | null = null;

/** Every prompt of the shipped templates, in every language: focus-area prompts and the support placeholders. */
export function templatePromptTexts(): Set<string> {
  if (templatePrompts) return templatePrompts;
  const prompts = new Set<string>();
  for (const locale of ['en', 'es'] as const) {
    const template = defaultTemplate(locale);
    for (const area of template.focusAreas)
      for (const f of focusAreaPromptFields) prompts.add(area[f].trim());
    for (const part of [template.support.mentor, template.support.hr, template.support.training]) {
      for (const prompt of Object.values(part.placeholders ?? {}) as (string | undefined)[]) {
        if (prompt) prompts.add(prompt.trim());
      }
    }
  }
  templatePrompts = prompts;
  return prompts;
}

/**
 * Pairs every text of one shipped template with the same text of the other, by position: a plan text still equal
 * to its template's prints in the document's language. Labels and sentences only; keys are the same in both.
 */
const translations = new Map<string, Map<string, string>>();
function translationsOf(from: Locale, to: Locale): Map<string, string> {
  const key = `${from}>${to}`;
  const cached = translations.get(key);
  if (cached) return cached;
  const map = new Map<string, string>();
  const walk = (a: unknown, b: unknown): void => {
    if (typeof a === 'string' && typeof b === 'string') {
      if (a !== b && !map.has(a)) map.set(a, b);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i]);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of Object.keys(a)) {
        if (k === 'placeholders') continue;
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      }
    }
  };
  const source = defaultTemplate(from);
  const target = defaultTemplate(to);
  walk(source, target);
  translations.set(key, map);
  return map;
}

/** Keys whose strings are what people wrote or identities; never translated even when they match a template. */
const personal = new Set([
  'id',
  'userId',
  'name',
  'email',
  'phone',
  'location',
  'url',
  'instructions',
  'employeeName',
  'managerName',
  'hrRepName',
  'mentorName',
  'createdByName',
  'organizationName',
  'signerName',
  'typedName',
  'response',
  'witnessName',
  'witnessStatement',
  'documentHash',
  'headings',
  'placeholders',
  'comment',
]);

function translated<T>(value: T, map: Map<string, string>, key = ''): T {
  if (personal.has(key)) return value;
  if (typeof value === 'string') return (map.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v) => translated(v, map)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translated(v, map, k)])) as T;
  }
  return value;
}

/** The template's purpose with the plan's names filled in, as the plan stores it. */
const purposeOf = (locale: Locale, plan: PlanReadModel): string =>
  defaultTemplate(locale)
    .overview.purpose.replaceAll('{employeeName}', plan.header.employeeName)
    .replaceAll('{jobTitle}', plan.header.position);

/** The value of a prompted field as it prints: blank when empty or still a prompt. */
export function promptedValue(value: string, prompts: Set<string>): string {
  const trimmed = value.trim();
  return trimmed === '' || prompts.has(trimmed) ? blankLine : value;
}

/**
 * The plan as its document prints it in `locale`: template texts still as shipped in the document's language,
 * prompted fields blank when unfilled, budget and hours in the lines the template keeps for them, the mentor's role.
 */
export function printablePlan(
  plan: PlanReadModel,
  locale: Locale,
  extras: DocumentExtras = {},
): PlanReadModel {
  let view = plan;
  if (plan.locale !== locale) {
    const map = new Map(translationsOf(plan.locale, locale));
    map.set(purposeOf(plan.locale, plan), purposeOf(locale, plan));
    view = { ...translated(plan, map), headings: defaultTemplate(locale).headings };
  }
  const prompts = new Set(templatePromptTexts());
  for (const part of [plan.support.mentor, plan.support.hr, plan.support.training]) {
    for (const prompt of Object.values(part.placeholders ?? {}) as (string | undefined)[]) {
      if (prompt) prompts.add(prompt.trim());
    }
  }
  const blank = (value: string): string => promptedValue(value, prompts);
  const s = view.support;
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: s.budget.currency }).format(
    s.budget.total,
  );
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(s.hoursPerWeek);
  const allocation: Record<Locale, { budget: string; time: string }> = {
    en: {
      budget: `${money} allocated for training and development`,
      time: `${hours} hours per week dedicated to improvement activities`,
    },
    es: {
      budget: `${money} asignados a formación y desarrollo`,
      time: `${hours} horas semanales dedicadas a las actividades de mejora`,
    },
  };
  // The shipped "Training Budget" and "Time Allocation" lines, in either language, by their text.
  const budgetTexts = new Set(
    ['en', 'es'].map((l) => defaultTemplate(l as Locale).additionalResources[0]?.text),
  );
  const timeTexts = new Set(
    ['en', 'es'].map((l) => defaultTemplate(l as Locale).additionalResources[1]?.text),
  );
  const additionalResources = view.additionalResources.map((item) => {
    if (budgetTexts.has(item.text) || prompts.has(item.text)) {
      return { label: item.label, text: budgetTexts.has(item.text) ? allocation[locale].budget : blankLine };
    }
    if (timeTexts.has(item.text)) return { label: item.label, text: allocation[locale].time };
    return item;
  });
  const mentorName = s.mentor.name
    ? extras.mentorRole
      ? `${s.mentor.name} - ${extras.mentorRole}`
      : s.mentor.name
    : null;
  return {
    ...view,
    focusAreas: view.focusAreas.map((area) => ({
      ...area,
      issue: blank(area.issue),
      impact: blank(area.impact),
      requiredStandard: blank(area.requiredStandard),
      goal: blank(area.goal),
      measurement: blank(area.measurement),
      successCriteria: blank(area.successCriteria),
      examples: area.examples.filter((e) => !prompts.has(e.text.trim()) && e.text.trim() !== ''),
    })),
    support: {
      ...s,
      mentor: {
        ...s.mentor,
        name: mentorName,
        focusAreas: blank(s.mentor.focusAreas),
        supportProvided: blank(s.mentor.supportProvided),
      },
      hr: {
        ...s.hr,
        availability: blank(s.hr.availability),
        supportAreas: blank(s.hr.supportAreas),
        additionalResources: blank(s.hr.additionalResources),
      },
      training: {
        ...s.training,
        internal: blank(s.training.internal),
        external: blank(s.training.external),
        online: blank(s.training.online),
        certification: blank(s.training.certification),
      },
    },
    additionalResources,
  };
}

const responseWords: Record<
  Locale,
  { heading: string; none: string; context: Record<EmployeeResponse['context'], string> }
> = {
  en: {
    heading: 'Employee’s response',
    none: 'None recorded.',
    context: {
      signing: 'At signing',
      refusal: 'On refusing to sign',
      response: 'Written response',
      comment: 'Comment',
    },
  },
  es: {
    heading: 'Respuesta del empleado',
    none: 'Ninguna registrada.',
    context: {
      signing: 'Al firmar',
      refusal: 'Al negarse a firmar',
      response: 'Respuesta escrita',
      comment: 'Comentario',
    },
  },
};

/**
 * The section "Employee's response" as every copy prints it: its heading, then each response with a lead-in
 * ("Written response, 3 Dec 2026") and its text as written; the words for none when there is none.
 */
export function employeeResponseSection(
  responses: EmployeeResponse[],
  locale: Locale,
  date: (value: string) => string,
): { heading: string; none: string | null; items: { label: string; text: string }[] } {
  const w = responseWords[locale];
  const items = [...responses]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((r) => ({ label: `${w.context[r.context]}, ${date(r.at)}`, text: r.text }));
  return { heading: w.heading, none: items.length === 0 ? w.none : null, items };
}
