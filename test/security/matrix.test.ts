// The authorization matrix: every operation of the OpenAPI document × every kind of actor × every plan state,
// against the expected table of policy-table.ts. Fails on any unexpected allow, on a refusal that reveals a plan to
// someone who may not know it exists, and on confidential text (approver comments, private notes, issues,
// measurements) in any response, JSON or document text, that reaches an actor who must not read it. Unexpected
// refusals are printed as a report.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan, employeeIdOf } from '../helpers/plans.ts';
import { pdfText } from './pdf-text.ts';
import {
  type ActorKind,
  actorKinds,
  type Marker,
  markerReaders,
  organizationOperations,
  type PlanState,
  planOperations,
  planStates,
  seesPlan,
} from './policy-table.ts';
import { unscopedTables } from './tenant-sql.ts';

const markers: Record<Marker, string> = {
  issue: 'MXISSUEQ',
  measurement: 'MXMEASUREQ',
  approverComment: 'MXAPPROVERQ',
  privateNote: 'MXPRIVATEQ',
};

type Cell = { status: number; text: string };
type Ids = Record<string, string>;

/** The text a reader gets out of a response: JSON and text as sent, PDF and DOCX as their words. */
function readableText(contentType: string, payload: Buffer, scratch: string): string {
  if (contentType.includes('application/pdf')) return pdfText(payload);
  if (contentType.includes('wordprocessingml')) {
    const file = join(scratch, `${randomUUID()}.docx`);
    writeFileSync(file, payload);
    try {
      return execFileSync('unzip', ['-p', file], { maxBuffer: 64 * 1024 * 1024 })
        .toString('utf8')
        .replace(/<[^>]+>/g, '');
    } finally {
      rmSync(file);
    }
  }
  return payload.toString('utf8');
}

describe.each(engines)('authorization matrix on %s', (engine) => {
  let t: TestApp;
  let scratch: string;
  const clients = {} as Record<Exclude<ActorKind, 'anonymous'>, Client>;
  const plans = {} as Record<PlanState, Ids>;
  const orgIds: Ids = {};

  /** Actors who may read every marker: their documents need no text extraction. */
  const readsEverything = (actor: ActorKind) =>
    Object.values(markerReaders).every((readers) => readers.has(actor));

  async function call(actor: ActorKind, method: string, url: string, body: unknown): Promise<Cell> {
    const client = actor === 'anonymous' ? null : clients[actor];
    const response = await t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const isOk = response.statusCode >= 200 && response.statusCode < 300;
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      text: isOk && !readsEverything(actor) ? readableText(type, response.rawPayload, scratch) : '',
    };
  }

  /** A plan of the demo employee, managed by the demo manager, with the demo HR rep and mentor, in the state. */
  async function planIn(state: PlanState): Promise<Ids> {
    const { manager, hrAdmin: hr, employee } = clients;
    const created = await createPlan(manager, {
      hrRepId: clients.hrRepAssigned.user.id,
      mentorId: clients.mentor.user.id,
    });
    let plan = await completePlan(manager, created);
    const area = plan.focusAreas[0];
    const patched = await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      issue: `${area.issue} Reference ${markers.issue} of the October retrospective.`,
    });
    if (patched.status !== 200) throw new Error(`issue marker: ${patched.text}`);
    const metricId = plan.metrics[0].id;
    const measured = await manager.post(`/api/v1/plans/${plan.id}/metrics/${metricId}/measurements`, {
      date: '2026-11-20',
      value: 28,
      note: `Counted by ${markers.measurement}`,
    });
    if (measured.status !== 201) throw new Error(`measurement marker: ${measured.text}`);
    const ids: Ids = {
      id: plan.id,
      metricId,
      focusAreaId: area.id,
      activityId: plan.activities[0]?.id ?? randomUUID(),
      criterionId: plan.successCriteria[0]?.id ?? randomUUID(),
      contactId: plan.contacts.find((c: { source: string }) => c.source === 'plan')?.id ?? randomUUID(),
    };
    if (state === 'draft') return ids;
    const submitted = await manager.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'submit',
      comment: `For HR: ${markers.approverComment} context`,
    });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.text}`);
    if (state === 'in_review') return ids;
    const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'approve',
      comment: `Approved, ${markers.approverComment}`,
    });
    if (approved.status !== 200) throw new Error(`approve: ${approved.text}`);
    plan = approved.body;
    if (state === 'awaiting_acknowledgment') return ids;
    for (const [client, role] of [
      [employee, 'employee'],
      [manager, 'manager'],
      [hr, 'hr'],
    ] as const) {
      const clauses = plan.acknowledgmentClauses[role].map((c: { id: string }) => c.id);
      const signed = await client.post(`/api/v1/plans/${plan.id}/signatures`, {
        role,
        typedName: client.user.name,
        clauses,
      });
      if (signed.status !== 201) throw new Error(`${role} signature: ${signed.text}`);
      plan = signed.body;
    }
    ids.signatureId = plan.signatures[0].id;
    const checkIns = (await manager.get(`/api/v1/plans/${plan.id}/check-ins`)).body.items;
    const weekly = checkIns.find((c: { type: string }) => c.type !== 'mentor_session');
    ids.checkInId = weekly.id;
    const noted = await manager.patch(`/api/v1/check-ins/${weekly.id}`, {
      privateNotes: `Private: ${markers.privateNote}`,
    });
    if (noted.status !== 200) throw new Error(`private note: ${noted.text}`);
    if (state === 'active') return ids;
    const closed = await hr.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'close',
      outcome: 'unsuccessful',
      summary: 'Goals not met in the period.',
      reason: 'Closed for the record after the final review.',
    });
    if (closed.status !== 200) throw new Error(`close: ${closed.text}`);
    return ids;
  }

  const statements = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    t.database.watchQueries((query) => statements.add(query));
    scratch = mkdtempSync(join(tmpdir(), 'mejora-matrix-'));
    clients.hrAdmin = await signIn(t.app, demo.hr);
    clients.hrRepAssigned = await signIn(t.app, demo.hrRep);
    clients.manager = await signIn(t.app, demo.manager);
    clients.employee = await signIn(t.app, demo.employee);
    clients.mentor = await signIn(t.app, demo.mentor);
    clients.mentorOther = await signIn(t.app, demo.mentor2);
    clients.auditor = await signIn(t.app, demo.auditor);
    const orgId = clients.hrAdmin.user.orgId;
    const db = t.database.db;
    clients.hrRepOther = await signIn(
      t.app,
      (await createUserWithEmployee(db, orgId, { roles: ['hr'] })).email,
    );
    clients.managerOther = await signIn(
      t.app,
      (await createUserWithEmployee(db, orgId, { roles: ['manager'] })).email,
    );
    clients.employeeOther = await signIn(
      t.app,
      (await createUserWithEmployee(db, orgId, { roles: ['employee'] })).email,
    );
    const stranger = await createOrganization(db);
    clients.strangerHrAdmin = await signIn(
      t.app,
      (await createUserWithEmployee(db, stranger.id, { roles: ['hr_admin'] })).email,
    );
    for (const state of planStates) plans[state] = await planIn(state);
    orgIds.employeeId = await employeeIdOf(clients.hrAdmin, demo.employee);
    orgIds.userId = clients.employee.user.id;
    orgIds.templateId = (await clients.hrAdmin.get('/api/v1/templates')).body.items[0].id;
  });
  afterAll(async () => {
    await t?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('every operation answers each actor in each plan state as the policy says, and leaks nothing confidential', async () => {
    const document = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
    const failures: string[] = [];
    const refusals: string[] = [];
    let cells = 0;

    // A DELETE aims at an item that does not exist: authorization is decided before it is looked up, and no
    // other cell loses the item it reads.
    const fill = (method: string, path: string, ids: Ids) =>
      path.replace(/\{(\w+)\}/g, (whole, name: string) => {
        if (method === 'DELETE' && path.endsWith(whole) && name !== 'id') return randomUUID();
        if (path.startsWith('/api/v1/check-ins/')) return ids.checkInId ?? randomUUID();
        if (name === 'version') return '1';
        return ids[name] ?? randomUUID();
      });
    const leaks = (actor: ActorKind, where: string, text: string) => {
      for (const [marker, token] of Object.entries(markers) as [Marker, string][]) {
        if (text.includes(token) && !markerReaders[marker].has(actor)) {
          failures.push(`${where}: ${actor} reads the ${marker} marker`);
        }
      }
    };

    for (const [path, item] of Object.entries<Record<string, { security?: unknown[] }>>(document.paths)) {
      for (const [lower, operation] of Object.entries(item)) {
        const method = lower.toUpperCase();
        const key = `${method} ${path}`;
        if (Array.isArray(operation.security) && operation.security.length === 0) continue; // public
        if (key === 'POST /api/v1/auth/logout') continue; // would end the sessions the matrix runs on
        const isPlanScoped = path.startsWith('/api/v1/plans/{id}') || path.startsWith('/api/v1/check-ins/');
        const body =
          method === 'GET' || method === 'DELETE'
            ? undefined
            : key === 'POST /api/v1/plans/{id}/transitions'
              ? { action: 'resume' } // valid, and never possible in these states: it changes nothing
              : {};
        const query = path.endsWith('/versions/diff')
          ? '?from=1&to=2'
          : path.endsWith('/analytics/consistency')
            ? '?by=manager'
            : '';

        if (isPlanScoped) {
          const expected = planOperations[key];
          if (!expected) {
            failures.push(`${key} is missing from the expected table in policy-table.ts`);
            continue;
          }
          // The states are independent plans: their cells run side by side.
          await Promise.all(
            planStates.map(async (state) => {
              const url = fill(method, path, plans[state]) + query;
              const results = await Promise.all(actorKinds.map((actor) => call(actor, method, url, body)));
              actorKinds.forEach((actor, index) => {
                const { status, text } = results[index];
                const where = `${key} [${state}]`;
                cells++;
                if (actor === 'anonymous') {
                  if (status !== 401) failures.push(`${where}: anonymous got ${status}, not 401`);
                  return;
                }
                const isAllowed = expected.allowed(actor, state);
                // A refused actor must be stopped before anything can fail; an allowed one's 500 is a bug of input
                // handling, which the fuzz test owns.
                if (status >= 500) (isAllowed ? refusals : failures).push(`${where}: ${actor} got ${status}`);
                if (status >= 200 && status < 300) {
                  if (!isAllowed) failures.push(`${where}: unexpected allow for ${actor} (${status})`);
                  leaks(actor, where, text);
                } else if (!isAllowed && !seesPlan(actor, state, expected.scope)) {
                  // Who may not know the plan exists learns nothing: 404, or an input error that ignores the plan.
                  if (![404, 400, 422].includes(status)) {
                    failures.push(`${where}: ${actor} may not see the plan but got ${status}, not 404`);
                  }
                } else if (isAllowed && method === 'GET' && [401, 403, 404].includes(status)) {
                  refusals.push(`${where}: ${actor} refused with ${status}`);
                }
              });
            }),
          );
          continue;
        }

        const url = fill(method, path, orgIds) + query;
        const results = await Promise.all(actorKinds.map((actor) => call(actor, method, url, body)));
        const refused = organizationOperations[key]?.refused ?? [];
        actorKinds.forEach((actor, index) => {
          const { status, text } = results[index];
          cells++;
          if (actor === 'anonymous') {
            if (status !== 401) failures.push(`${key}: anonymous got ${status}, not 401`);
            return;
          }
          if (status >= 200 && status < 300) {
            if (refused.includes(actor)) failures.push(`${key}: unexpected allow for ${actor} (${status})`);
            leaks(actor, key, text);
          } else if (status >= 500) {
            refusals.push(`${key}: ${actor} got ${status}`);
          }
        });
      }
    }

    if (refusals.length)
      console.info(`Unexpected refusals and errors (${refusals.length}):\n${refusals.join('\n')}`);
    console.info(`Authorization matrix on ${engine}: ${cells} calls`);
    expect(cells).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  }, 300_000);

  // The plans of every state were made and every operation called above: each statement that reached the
  // database names the organisation of every tenant table it touches, or is a lookup by a secret or a job's
  // sweep listed in tenant-sql.ts with its reason.
  it('every statement sent to the database is scoped by organisation', () => {
    expect(statements.size).toBeGreaterThan(150);
    const unscoped = [...statements]
      .map((statement) => ({ statement, tables: unscopedTables(statement) }))
      .filter((s) => s.tables.length > 0)
      .map((s) => `${s.tables.join(', ')}: ${s.statement.slice(0, 1500)}`);
    expect(unscoped).toEqual([]);
  });
});
