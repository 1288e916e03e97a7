// Who does what and where to turn: responsibilities and resources, documentation, guidance and contacts.
import { blankLine } from '../printable.ts';
import { type Context, labelledList } from './writer.ts';

const primaryContactKeys = new Set(['manager', 'hr', 'hr_representative', 'mentor']);

export function supportAndResources(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.supportAndResources);
  w.h2(h.managerResponsibilities);
  labelledList(c, plan.responsibilities.manager);
  w.h2(h.employeeResponsibilities);
  labelledList(c, plan.responsibilities.employee);
  w.h2(h.hrResponsibilities);
  labelledList(c, plan.responsibilities.hr);
  w.h2(h.additionalResources);
  labelledList(c, plan.additionalResources);
}

export function documentation(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.documentation);
  w.h2(h.requiredDocumentation);
  labelledList(c, plan.documentation.required);
  w.h2(h.recordMaintenance);
  labelledList(c, plan.documentation.maintenance);
  w.h2(h.reviewUpdateProcess);
  labelledList(c, plan.documentation.reviewProcess);
}

export function guidance(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.successFactors);
  w.h2(h.keySuccessFactors);
  labelledList(c, plan.guidance.successFactors);
  w.h2(h.bestPractices);
  labelledList(c, plan.guidance.bestPractices);
  w.h2(h.commonChallenges);
  labelledList(c, plan.guidance.commonChallenges);
}

export function contacts(c: Context): void {
  const { w, plan, h } = c;
  const join = (parts: (string | null)[]): string => parts.filter((p) => p !== null && p !== '').join(' | ');
  const primary = plan.contacts.filter((x) => x.key !== null && primaryContactKeys.has(x.key));
  const additional = plan.contacts.filter((x) => !(x.key !== null && primaryContactKeys.has(x.key)));
  w.h1(h.contacts);
  w.h2(h.primaryContacts);
  for (const x of primary) w.labelled(x.label, join([x.name, x.email, x.phone, x.location]) || blankLine);
  w.h2(h.additionalSupport);
  for (const x of additional) {
    w.labelled(x.label, join([x.name, x.email, x.phone, x.location, x.url]) || blankLine);
  }
  w.h2(h.resourcesTools);
  for (const x of plan.resources) w.labelled(x.label, join([x.url, x.instructions]) || blankLine);
}
