// What a plan must have filled in before it is submitted: every required field, none left as a template prompt.
import type { FieldError } from '../errors.ts';

type Prompted = { placeholders?: Partial<Record<string, string>> };

export type RequiredFieldsPlan = {
  focusAreas: {
    id: string;
    title: string;
    templateKey: string | null;
    issue: string;
    impact: string;
    requiredStandard: string;
    goal: string;
    measurement: string;
    successCriteria: string;
    examples: { date: string | null; text: string }[];
  }[];
  hasMentor: boolean;
  support: {
    mentor: Record<'focusAreas' | 'supportProvided', string> & Prompted;
    hr: Record<'availability' | 'supportAreas' | 'additionalResources', string> & Prompted;
    training: Record<'internal' | 'external' | 'online' | 'certification', string> & Prompted;
  };
};

/** Which field a problem is about, for a message in the reader's language: a focus area's field or a support field. */
export type RequiredFieldProblem = FieldError & {
  kind: 'empty' | 'prompt' | 'no_example';
  field: string;
  /** The focus area's title, for a focus area's field. */
  area?: string;
  /** The support section, for a support field. */
  section?: 'hr' | 'mentor' | 'training';
};

export const requiredFocusAreaFields = [
  'issue',
  'impact',
  'requiredStandard',
  'goal',
  'measurement',
  'successCriteria',
] as const;

/** A focus area's prompts by field, in every language the template has, keyed by the area's template key. */
export type FocusAreaPrompts = Record<
  string,
  readonly Partial<Record<(typeof requiredFocusAreaFields)[number], string>>[]
>;

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
const isPrompt = (value: string, prompts: (string | undefined)[]) =>
  prompts.some((p) => p !== undefined && fold(p) !== '' && fold(p) === fold(value));

/**
 * Every required field still empty (or still its template prompt, which is the same thing) and every optional
 * field left as its prompt, each with its path; empty when the plan may be submitted.
 */
export function emptyRequiredFields(
  plan: RequiredFieldsPlan,
  prompts: FocusAreaPrompts,
): RequiredFieldProblem[] {
  const problems: RequiredFieldProblem[] = [];
  for (const area of plan.focusAreas) {
    const areaPrompts = area.templateKey ? (prompts[area.templateKey] ?? []) : [];
    for (const field of requiredFocusAreaFields) {
      const value = area[field];
      if (value.trim() === '') {
        problems.push({
          path: `focusAreas/${area.id}/${field}`,
          message: `${area.title}: ${field} is empty`,
          kind: 'empty',
          field,
          area: area.title,
        });
      } else if (
        isPrompt(
          value,
          areaPrompts.map((p) => p[field]),
        )
      ) {
        problems.push({
          path: `focusAreas/${area.id}/${field}`,
          message: `${area.title}: ${field} still shows the template prompt`,
          kind: 'prompt',
          field,
          area: area.title,
        });
      }
    }
    if (!area.examples.some((e) => e.text.trim() !== '')) {
      problems.push({
        path: `focusAreas/${area.id}/examples`,
        message: `${area.title}: add at least one specific example`,
        kind: 'no_example',
        field: 'examples',
        area: area.title,
      });
    }
  }
  const section = <K extends string>(
    name: 'hr' | 'mentor' | 'training',
    values: Record<K, string> & Prompted,
    required: readonly K[],
    optional: readonly K[],
  ) => {
    for (const field of [...required, ...optional]) {
      const value = values[field];
      const prompt = values.placeholders?.[field];
      if (value.trim() === '' && required.includes(field)) {
        problems.push({
          path: `support/${name}/${field}`,
          message: `support (${name}): ${field} is empty`,
          kind: 'empty',
          field,
          section: name,
        });
      } else if (value.trim() !== '' && isPrompt(value, [prompt])) {
        problems.push({
          path: `support/${name}/${field}`,
          message: `support (${name}): ${field} still shows the template prompt`,
          kind: 'prompt',
          field,
          section: name,
        });
      }
    }
  };
  section('hr', plan.support.hr, ['availability', 'supportAreas'], ['additionalResources']);
  section(
    'mentor',
    plan.support.mentor,
    plan.hasMentor ? ['focusAreas', 'supportProvided'] : [],
    plan.hasMentor ? [] : ['focusAreas', 'supportProvided'],
  );
  section('training', plan.support.training, [], ['internal', 'external', 'online', 'certification']);
  return problems;
}
