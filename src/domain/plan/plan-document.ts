// The versioned content of a plan: what a version stores, what signers sign, and what counts as a major change.
import { hashOf } from '../audit/canonical-json.ts';
import type { PlanAggregate } from './aggregate.ts';

/**
 * The plan as a document. Progress (measurements, activity status, ticks, check-ins) is not content: it moves
 * daily and never needs new signatures.
 */
export function planDocument(agg: PlanAggregate) {
  const { plan } = agg;
  const { isTimelineEdited: _ignored, ...content } = plan.content;
  return {
    planId: plan.id,
    locale: plan.locale,
    template: { id: plan.templateId, version: plan.templateVersion },
    employeeId: plan.employeeId,
    header: plan.header,
    startDate: plan.startDate,
    endDate: plan.endDate,
    durationWeeks: plan.durationWeeks,
    managerUserId: plan.managerUserId,
    hrRepUserId: plan.hrRepUserId,
    mentorUserId: plan.mentorUserId,
    content,
    // A row's revision counts writes, not content: it stays out of the document and its hashes.
    focusAreas: agg.focusAreas.map(({ id, position, revision: _r, ...rest }) => ({ id, position, ...rest })),
    metrics: agg.metrics.map((m) => ({
      id: m.id,
      focusAreaId: m.focusAreaId,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baseline,
      target: m.target,
    })),
    activities: agg.activities.map((a) => ({
      id: a.id,
      groupKey: a.groupKey,
      section: a.section,
      title: a.title,
      dueDate: a.dueDate,
    })),
    successCriteria: agg.successCriteria.map((c) => ({ id: c.id, text: c.text })),
    contacts: agg.contacts.map(({ revision: _r, ...c }) => c),
  };
}
export type PlanDocument = ReturnType<typeof planDocument>;

/** The parts of the document whose change is minor: task and activity dates, contacts and resource links. */
export function majorPart(doc: PlanDocument) {
  const { timeline: _t, ...content } = doc.content;
  return {
    ...doc,
    content,
    activities: doc.activities.map(({ dueDate: _d, ...a }) => a),
    contacts: [],
  };
}

export const documentHash = (doc: PlanDocument): string => hashOf(doc);
export const majorHash = (doc: PlanDocument): string => hashOf(majorPart(doc));

/**
 * Is the plan, as it is now, a major change from its latest version? The one classification of every path
 * (direct edits, adjustments, pauses): computed from the content, never from the endpoint. A first version
 * changes nothing.
 */
export const isMajorChange = (latest: { majorHash: string } | undefined, doc: PlanDocument): boolean =>
  latest !== undefined && latest.majorHash !== majorHash(doc);

export type Change = { path: string; before: unknown; after: unknown };

/** Structural differences between two versions, by JSON path; arrays of rows are matched by id. */
export function diffDocuments(before: unknown, after: unknown, path = ''): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const hasIds = [...before, ...after].every((x) => x && typeof x === 'object' && 'id' in x);
    if (hasIds) {
      const changes: Change[] = [];
      const byId = (list: { id: string }[]) => new Map(list.map((x) => [x.id, x]));
      const a = byId(before as { id: string }[]);
      const b = byId(after as { id: string }[]);
      for (const [id, old] of a) {
        if (!b.has(id)) changes.push({ path: `${path}[${id}]`, before: old, after: null });
        else changes.push(...diffDocuments(old, b.get(id), `${path}[${id}]`));
      }
      for (const [id, added] of b)
        if (!a.has(id)) changes.push({ path: `${path}[${id}]`, before: null, after: added });
      return changes;
    }
    return [{ path: path || '/', before, after }];
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diffDocuments(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '/', before, after }];
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x);
