import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './default-templates.ts';
import type { PlanTemplate } from './template.ts';
import { headingKeys, locales, planTemplateSchema } from './template.ts';

const en = defaultTemplate('en');
const es = defaultTemplate('es');

/** Fields holding identifiers or codes rather than prose; they are the same in every locale. */
const codeFields = new Set(['id', 'key', 'locale', 'currency', 'frequency']);

/** Every prose string of a template, with its path. */
function texts(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => texts(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      codeFields.has(k) ? [] : texts(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/** The shape of a value: object keys, array lengths, numbers and code fields; prose reduced to its type. */
function shape(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => shape(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'locale')
        .map(([k, v]) => [k, shape(v, k)]),
    );
  }
  if (typeof value === 'string' && !codeFields.has(field)) return 'string';
  return value;
}

/** Strings allowed to be identical in English and Spanish (proper nouns, codes). */
const sameInBothLanguages = new Set<string>(['SaaS', 'URL']);

describe('default templates', () => {
  it.each(locales)('the %s template satisfies planTemplateSchema', (locale) => {
    const template = defaultTemplate(locale);
    expect(() => planTemplateSchema.parse(template)).not.toThrow();
    expect(template.id).toBe('default');
    expect(template.version).toBe(1);
    expect(template.locale).toBe(locale);
    expect(Object.keys(template.headings).sort()).toEqual([...headingKeys].sort());
  });

  it('is cached and read-only', () => {
    expect(defaultTemplate('en')).toBe(en);
    expect(Object.isFrozen(en.focusAreas[0])).toBe(true);
    expect(() => {
      (en.headings as Record<string, string>).page = 'changed';
    }).toThrow();
  });

  it('has the same structure in English and Spanish', () => {
    expect(shape(es)).toEqual(shape(en));
  });

  it('has the same ids, keys and numbers in both languages', () => {
    const ids = (t: PlanTemplate) => ({
      focusAreas: t.focusAreas.map((a) => a.key),
      smart: t.smart.criteria.map((c) => c.key),
      groups: t.development.groups.map((g) => [g.key, g.sections.map((s) => s.items.length)]),
      phases: t.timeline.phases.map((p) => [p.key, p.weeks, p.tasks.length]),
      milestones: t.timeline.keyMilestones.map((m) => m.week),
      clauses: Object.values(t.acknowledgment).map((a) => a.clauses.map((c) => c.id)),
      contacts: [t.contacts.additional.map((c) => c.key), t.contacts.resources.map((c) => c.key)],
      defaults: t.support.defaults,
    });
    expect(ids(es)).toEqual(ids(en));
    expect(ids(en).focusAreas).toEqual([
      'technical_skills',
      'communication_collaboration',
      'quality_accuracy',
      'timeliness_reliability',
    ]);
    expect(ids(en).clauses).toEqual([
      ['read_understood', 'received_copy', 'participate_fully', 'commit_goals', 'understand_consequences'],
      [
        'provide_support',
        'monitor_progress',
        'ensure_resources',
        'maintain_confidentiality',
        'fair_evaluation',
      ],
      [
        'oversee_implementation',
        'provide_resources',
        'maintain_records',
        'ensure_compliance',
        'support_both_parties',
      ],
    ]);
    expect(ids(en).milestones).toEqual([2, 4, 6, 8, 10, 12]);
    expect(en.support.defaults).toEqual({
      managerCheckIn: { frequency: 'weekly', durationMinutes: 60 },
      mentorSession: { frequency: 'weekly', durationMinutes: 60 },
      hoursPerWeek: 4,
      trainingBudget: 1500,
      currency: 'USD',
    });
  });

  it.each(locales)('the %s phases have one task per week and add up to 12 weeks', (locale) => {
    const { phases } = defaultTemplate(locale).timeline;
    expect(phases.map((p) => p.weeks)).toEqual([2, 4, 4, 2]);
    expect(phases.reduce((sum, p) => sum + p.weeks, 0)).toBe(12);
    for (const phase of phases) expect(phase.tasks).toHaveLength(phase.weeks);
  });

  it('translates every string into Spanish', () => {
    const english = new Map(texts(en));
    const untranslated = texts(es).filter(
      // Empty values are the fields a plan fills in: their prompts are translated beside them.
      ([path, value]) => value !== '' && english.get(path) === value && !sameInBothLanguages.has(value),
    );
    expect(untranslated).toEqual([]);
  });

  it('writes Spanish with accents and without English section headings', () => {
    const spanish = texts(es).map(([, v]) => v);
    expect(spanish.some((v) => /[áéíóúñÁÉÍÓÚÑ]/.test(v))).toBe(true);
    expect(es.headings.page).toBe('Página {page} de {pages}');
    expect(es.title).toBe('Plan de Mejora de Rendimiento (PMR)');
    const sectionHeadings = Object.values(en.headings).filter((h) => h.includes(' '));
    const all = spanish.join('\n');
    for (const heading of sectionHeadings) expect(all, heading).not.toContain(heading);
    for (const key of headingKeys) expect(es.headings[key], key).not.toBe(en.headings[key]);
  });

  it('addresses the reader as usted, never tú', () => {
    const all = texts(es)
      .map(([, v]) => v)
      .join('\n');
    expect(all).not.toMatch(/(?<!\p{L})(tú|tu|tus|te|ti|contigo)(?!\p{L})/iu);
  });

  it.each(locales)('the %s template has no placeholders in brackets nor garbled emoji', (locale) => {
    for (const [path, value] of texts(defaultTemplate(locale))) {
      expect(value, path).not.toMatch(/[[\]]/);
      expect(value, path).not.toMatch(/ü(?![a-záéíóúñ])/i);
      expect(value, path).not.toMatch(/[üÃð][\u0080-\u00ff]/);
      expect(value, path).not.toMatch(/\p{Extended_Pictographic}/u);
      expect(value, path).toBe(value.trim());
    }
  });

  it.each(locales)('the %s purpose names the employee and the job title', (locale) => {
    const { purpose } = defaultTemplate(locale).overview;
    expect(purpose).toContain('{employeeName}');
    expect(purpose).toContain('{jobTitle}');
    expect(defaultTemplate(locale).goalsIntro).toContain('{employeeName}');
  });

  it('keeps the English wording of the seed', () => {
    expect(en.title).toBe('Performance Improvement Plan (PIP)');
    expect(en.headings.page).toBe('Page {page} of {pages}');
    expect(en.overview.purpose).toContain('AI course and SaaS marketing platform');
    expect(en.issuesIntro).toBe(
      'The following performance issues have been identified and need to be addressed:',
    );
    expect(en.goalsIntro).toBe('By the end of this improvement plan, {employeeName} will:');
    expect(en.focusAreas[0].issue).toBe('Specific technical performance issue');
    expect(en.focusAreas[0].goal).toBe('Achieve proficiency in specific technical skills');
    expect(en.support.mentor.meetingFrequency).toBe('Weekly 1-hour sessions');
    expect(en.acknowledgment.employee.intro).toBe('I acknowledge that I have:');
    expect(en.acknowledgment.manager.intro).toBe('I acknowledge that I will:');
  });

  it.each(locales)('the %s support prompts are placeholders beside empty values, never values', (locale) => {
    const { mentor, hr, training } = defaultTemplate(locale).support;
    for (const section of [mentor, hr, training]) {
      const keys = Object.keys(section.placeholders ?? {});
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect((section as unknown as Record<string, string>)[key]).toBe('');
    }
    if (locale === 'en') expect(hr.placeholders?.availability).toBe('Contact information and availability');
  });
});
