// A dossier record for a sample plan whose hashes, signatures and audit chain all verify: the data of the dossier's
// tests and of its render-time measurement.
import type { PlanView } from '../contracts/plans.ts';
import { hashOf } from '../domain/audit/canonical-json.ts';
import { eventHash, genesisHash } from '../domain/audit/chain.ts';
import { type DossierRecord, dossierFormat } from './dossier.ts';

/** A consistent record for a sample plan: hashes, signatures and an audit chain that all verify. */
export function sampleDossierRecord(plan: PlanView, overrides: Partial<DossierRecord> = {}): DossierRecord {
  const snapshot = { planId: plan.id, title: plan.title, goals: plan.focusAreas.map((a) => a.goal) };
  const documentHash = hashOf(snapshot);
  const orgId = '7d0f3c2a-1111-4a4a-9a9a-000000000001';
  const events: DossierRecord['audit']['events'] = [];
  let prevHash = genesisHash;
  for (const [i, action] of ['plan.created', 'plan.submitted', 'plan.signed', 'plan.viewed'].entries()) {
    const event = {
      orgId,
      chain: plan.id,
      seq: i + 1,
      actorUserId: null,
      action,
      entityType: 'plan',
      entityId: plan.id,
      planId: plan.id,
      at: `2026-05-0${i + 1}T09:00:00.000Z`,
      requestId: null,
      ip: '203.0.113.9',
      userAgent: 'Mozilla/5.0',
      digest: null,
      prevHash,
    };
    const hash = eventHash(event);
    events.push({ ...event, hash, actorName: 'Marta Navarro' });
    prevHash = hash;
  }
  const signer = (role: 'employee' | 'manager' | 'hr', name: string) => ({
    role,
    signerName: name,
    typedName: name,
    version: 1,
    documentHash,
    clauses: ['read'],
    isRefused: false,
    response: null,
    witnessName: null,
    witnessStatement: null,
    witnessedAt: null,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    signedAt: '2026-05-04T10:00:00.000Z',
  });
  return {
    format: dossierFormat,
    generatedAt: '2026-06-01T08:00:00.000Z',
    generatedByName: 'Marta Navarro',
    organization: { id: orgId, name: plan.header.organizationName },
    plan: {
      id: plan.id,
      status: plan.status,
      locale: plan.locale,
      version: 1,
      majorVersion: 1,
      shownVersion: 1,
      employeeName: plan.header.employeeName,
      position: plan.header.position,
      department: plan.header.department,
      managerName: plan.header.managerName,
      hrRepName: plan.header.hrRepName,
      startDate: plan.header.startDate,
      endDate: plan.header.endDate,
      createdAt: plan.header.createdAt,
      closedAt: null,
    },
    versions: [
      {
        version: 1,
        documentHash,
        reason: 'Created',
        createdAt: '2026-05-01T09:00:00.000Z',
        createdByName: 'Ana',
        snapshot,
      },
    ],
    adjustments: [
      {
        kind: 'minor',
        status: 'applied',
        reason: 'Moved a training date',
        summary: [{ path: 'activities[x].dueDate', before: '2026-05-10', after: '2026-05-17' }],
        proposedByName: 'Ana',
        decidedByName: null,
        decisionReason: null,
        fromVersion: 1,
        toVersion: 1,
        createdAt: '2026-05-05T09:00:00.000Z',
        decidedAt: null,
      },
    ],
    signatures: [
      signer('employee', plan.header.employeeName),
      signer('manager', 'Ana'),
      signer('hr', 'Marta Navarro'),
    ],
    checkIns: [
      {
        type: 'weekly_checkin',
        status: 'held',
        scheduledAt: '2026-05-08T09:00:00.000Z',
        heldAt: '2026-05-08T09:05:00.000Z',
        durationMinutes: 60,
        attendees: ['Ana'],
        notes: 'Reviewed the reopened tickets together.',
        employeeComments: 'I need more time on the lesson player.',
        ratings: [{ focusArea: plan.focusAreas[0].title, rating: 3, status: 'atRisk' }],
        overallRating: 3,
        summary: 'Steady start.',
        actionItems: [{ text: 'Pair on two tickets', dueDate: '2026-05-15', isDone: false }],
        reason: null,
      },
    ],
    measurements: plan.metrics.flatMap((m) =>
      m.measurements.map((x) => ({
        metric: m.name,
        unit: m.unit,
        date: x.date,
        value: x.value,
        source: x.source,
        note: x.note,
      })),
    ),
    feedback: [
      {
        kind: 'peer',
        giverName: null,
        isAnonymous: true,
        status: 'answered',
        requestedAt: '2026-05-09T09:00:00.000Z',
        answeredAt: '2026-05-10T09:00:00.000Z',
        answers: [
          {
            questionId: 'overall',
            question: 'Overall, how would you rate your recent work?',
            rating: 4,
            comment: 'Helpful in reviews.',
          },
        ],
      },
    ],
    comments: [
      {
        authorName: plan.header.employeeName,
        kind: 'response',
        body: 'I accept the plan and ask for a mentor.',
        createdAt: '2026-05-04T11:00:00.000Z',
      },
    ],
    outcome: null,
    audit: { events, head: { seq: events.length, hash: prevHash } },
    ...overrides,
  };
}
