// Tests of the submission check: every required field still empty, or still its template prompt, is listed.
import { describe, expect, it } from 'vitest';
import { emptyRequiredFields, type RequiredFieldsPlan } from './required-fields.ts';

const filledArea = {
  id: 'a1',
  title: 'Technical Skills Gap',
  templateKey: 'technical_skills',
  issue: 'Fixes are reopened because edge cases are not tested.',
  impact: 'Learners meet the same bug twice.',
  requiredStandard: 'Fewer than 10% of fixes reopened.',
  goal: 'Ship fixes with tests so that fewer than 10% are reopened.',
  measurement: 'Weekly reopened-ticket share from the tracker.',
  successCriteria: 'Under 10% for three weeks in a row.',
  examples: [{ date: '2026-10-12', text: 'Ticket 4411 reopened twice.' }],
};
const plan = (overrides: Partial<RequiredFieldsPlan> = {}): RequiredFieldsPlan => ({
  focusAreas: [filledArea],
  hasMentor: false,
  support: {
    mentor: { focusAreas: '', supportProvided: '', placeholders: { focusAreas: 'Specific areas of focus' } },
    hr: {
      availability: 'Hugo Reyes, Monday to Thursday',
      supportAreas: 'Workload and training',
      additionalResources: '',
      placeholders: { availability: 'Contact information and availability' },
    },
    training: { internal: '', external: '', online: '', certification: '' },
  },
  ...overrides,
});
const prompts = {
  technical_skills: [{ requiredStandard: 'Expected performance level', issue: 'Specific issue' }],
};

describe('emptyRequiredFields', () => {
  it('passes a plan with every required field filled in', () => {
    expect(emptyRequiredFields(plan(), prompts)).toEqual([]);
  });

  it('lists every empty required field with its path', () => {
    const empty = { ...filledArea, issue: '', impact: ' ', requiredStandard: '', examples: [] };
    const paths = emptyRequiredFields(plan({ focusAreas: [empty] }), prompts).map((p) => p.path);
    expect(paths).toEqual([
      'focusAreas/a1/issue',
      'focusAreas/a1/impact',
      'focusAreas/a1/requiredStandard',
      'focusAreas/a1/examples',
    ]);
  });

  it('counts a value still equal to its template prompt as empty, whatever its case and spacing', () => {
    const prompted = { ...filledArea, requiredStandard: '  expected performance  level ' };
    const found = emptyRequiredFields(plan({ focusAreas: [prompted] }), prompts);
    expect(found.map((p) => p.path)).toEqual(['focusAreas/a1/requiredStandard']);
    expect(found[0].message).toContain('template prompt');
  });

  it('requires HR contact details always, and the mentor’s focus only when a mentor is assigned', () => {
    const base = plan();
    const noHr = plan({
      support: {
        ...base.support,
        hr: { ...base.support.hr, availability: 'Contact information and availability' },
      },
    });
    expect(emptyRequiredFields(noHr, prompts).map((p) => p.path)).toEqual(['support/hr/availability']);
    expect(emptyRequiredFields(plan({ hasMentor: true }), prompts).map((p) => p.path)).toEqual([
      'support/mentor/focusAreas',
      'support/mentor/supportProvided',
    ]);
  });
});
