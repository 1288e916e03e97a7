// The editor's groups, in the order of the plan document, and the template fields each one holds.

export type TemplateSection = { key: string; fields: string[] };

export const templateSections: TemplateSection[] = [
  { key: 'general', fields: ['name', 'title', 'subtitle'] },
  { key: 'headings', fields: ['headings'] },
  { key: 'overview', fields: ['overview'] },
  { key: 'focusAreas', fields: ['issuesIntro', 'goalsIntro', 'focusAreas'] },
  { key: 'smart', fields: ['smart'] },
  { key: 'development', fields: ['development'] },
  { key: 'support', fields: ['support'] },
  { key: 'timeline', fields: ['timeline'] },
  { key: 'tracking', fields: ['tracking'] },
  { key: 'successCriteria', fields: ['successCriteria'] },
  { key: 'responsibilities', fields: ['responsibilities'] },
  { key: 'additionalResources', fields: ['additionalResources'] },
  { key: 'documentation', fields: ['documentation'] },
  { key: 'guidance', fields: ['guidance'] },
  { key: 'contacts', fields: ['contacts'] },
  { key: 'acknowledgment', fields: ['acknowledgment'] },
  { key: 'review', fields: ['review'] },
  { key: 'completion', fields: ['completion'] },
  { key: 'confidentialityNotice', fields: ['confidentialityNotice'] },
];

/** Set by the server on every save: shown in the header, never edited. */
export const serverFields = ['id', 'version', 'locale'];

/** The groups for a template; fields a newer template has and no group names go under "other fields". */
export function sectionsOf(template: Record<string, unknown>): TemplateSection[] {
  const known = new Set([...serverFields, ...templateSections.flatMap((s) => s.fields)]);
  const other = Object.keys(template).filter((key) => !known.has(key));
  return other.length ? [...templateSections, { key: 'other', fields: other }] : templateSections;
}

export const sectionOfField = (sections: TemplateSection[], field: string): string | undefined =>
  sections.find((s) => s.fields.includes(field))?.key;
