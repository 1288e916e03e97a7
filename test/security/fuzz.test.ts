// Fuzzes every operation of the OpenAPI document with valid, invalid and garbage input as several actors, on
// both engines: no 5xx, no crash, every status and content type declared, no rejected write that changed data.
// `npm test` sends a bounded budget; `npm run fuzz` sends MEJORA_FUZZ_RUNS requests (seed: MEJORA_FUZZ_SEED).
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { png } from '../helpers/images.ts';
import {
  bodyArbitrary,
  garbageString,
  type IdPool,
  type Mode,
  pathParameterArbitrary,
  queryParameterArbitrary,
} from './fuzz-input.ts';
import {
  declaredContentTypes,
  type Operation,
  operationsOf,
  pathOf,
  readOpenApi,
} from './openapi-operations.ts';

const runs = Number(process.env.MEJORA_FUZZ_RUNS ?? 1500);
const seed = Number(process.env.MEJORA_FUZZ_SEED ?? 20261203);

/**
 * Tables whose content a rejected write must leave as it was. Sessions, API tokens (their last use), audit
 * and notifications may move on any request.
 */
const contentTables = [
  'organizations',
  'organization_logos',
  'users',
  'role_memberships',
  'employees',
  'document_exports',
  'plan_templates',
  'plans',
  'focus_areas',
  'metrics',
  'measurements',
  'activities',
  'success_criteria',
  'contacts',
  'expenses',
  'plan_versions',
  'approvals',
  'signatures',
  'adjustments',
  'plan_comments',
  'check_ins',
  'feedback_requests',
  'scim_tokens',
  'directory_imports',
  'readiness_acceptances',
  'plan_responses',
  'appeals',
  'one_time_tokens',
  'saved_views',
];

type Actor = { name: string; headers: () => Record<string, string> };
type Failure = { key: string; detail: string };

/** A small seeded generator for the choices around the inputs. */
function randomOf(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

const sample = <T>(arbitrary: fc.Arbitrary<T>, at: number): T =>
  fc.sample(arbitrary, { seed: at, numRuns: 1 })[0];

const camel = (segment: string) => segment.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Every id in a JSON answer, by the array it sits in (or the list's last path segment for "items"). */
function collectIds(value: unknown, pool: IdPool, collection: string) {
  const add = (name: string, id: string) => {
    for (const key of [name, '*']) {
      const ids = pool.get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      pool.set(key, ids);
    }
  };
  const walk = (node: unknown, name: string) => {
    if (Array.isArray(node)) for (const item of node) walk(item, name);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.id === 'string' && /^[0-9a-f-]{36}$/.test(record.id)) add(name, record.id);
      for (const [key, child] of Object.entries(record))
        if (child && typeof child === 'object') walk(child, key === 'items' ? name : key);
    }
  };
  walk(value, collection);
}

/** The collection a path parameter names: {focusAreaId} → focusAreas; {id} → the segment before it. */
function collectionOf(operation: Operation, name: string): string | undefined {
  if (name !== 'id') return undefined;
  const segments = operation.path.split('/');
  const before = segments[segments.indexOf('{id}') - 1];
  return before ? camel(before) : undefined;
}

describe.each(engines)('OpenAPI-driven fuzzing on %s', (engine) => {
  let t: TestApp;
  let operations: Operation[];
  const pool: IdPool = new Map();
  const clients: Record<string, Client> = {};
  let bearer = '';

  const refreshActors = async () => {
    for (const [name, email] of Object.entries({
      hr: demo.hr,
      manager: demo.manager,
      employee: demo.employee,
      mentor: demo.mentor,
    })) {
      try {
        clients[name] = await signIn(t.app, email);
      } catch {
        // A fuzzed request disabled this user or changed their roles: keep the old (now refused) session.
      }
    }
    const token = await clients.hr.post('/api/v1/me/tokens', { name: 'fuzz' });
    if (token.status === 201) bearer = token.body.token;
  };

  const cookieActor = (name: string): Actor => ({
    name,
    headers: () => ({ cookie: clients[name].cookie, 'x-csrf-token': clients[name].csrfToken }),
  });
  const actors: Actor[] = [
    cookieActor('hr'),
    { name: 'hr-bearer', headers: () => ({ authorization: `Bearer ${bearer}` }) },
    cookieActor('manager'),
    cookieActor('employee'),
    cookieActor('mentor'),
    { name: 'anonymous', headers: () => ({}) },
  ];

  /** Per table: its row count and the newest row version (xmin), so any insert, update or delete shows. */
  const fingerprint = async (): Promise<string> => {
    const union = sql.join(
      contentTables.map((table) =>
        sql.raw(
          `select '${table}' as name, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text as state from ${table}`,
        ),
      ),
      sql.raw(' union all '),
    );
    const result = await t.database.db.execute(sql`${union}`);
    return (result as unknown as { rows: { name: string; state: string }[] }).rows
      .map((row) => `${row.name}=${row.state}`)
      .join(' ');
  };
  const changedTables = (before: string, after: string) => {
    const old = new Set(before.split(' '));
    return after
      .split(' ')
      .filter((entry) => !old.has(entry))
      .map((entry) => entry.split('=')[0])
      .join(', ');
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    await seedDemoPlans(t.deps);
    operations = operationsOf(await readOpenApi(t.app));
    await refreshActors();
    // Real ids to aim at: every list and every plan the HR administrator can read.
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });
    for (const operation of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const response = await get(operation.path);
      if (response.headers['content-type']?.toString().includes('json'))
        collectIds(response.json(), pool, camel(operation.path.split('/').at(-1) ?? ''));
    }
    for (const planId of pool.get('plans') ?? []) {
      for (const sub of ['', '/check-ins', '/adjustments', '/feedback-requests', '/comments', '/versions']) {
        const response = await get(`/api/v1/plans/${planId}${sub}`);
        if (response.statusCode === 200)
          collectIds(response.json(), pool, sub ? camel(sub.slice(1)) : 'plans');
      }
      const plan = await get(`/api/v1/plans/${planId}`);
      for (const metric of plan.statusCode === 200 ? plan.json().metrics : []) {
        const measurements = await get(`/api/v1/plans/${planId}/metrics/${metric.id}/measurements`);
        if (measurements.statusCode === 200) collectIds(measurements.json(), pool, 'measurements');
      }
    }
  }, 300_000);
  afterAll(() => t?.close());

  it(
    `answers ${runs} fuzzed requests with declared statuses and content types, no 5xx and no change on refusal`,
    async () => {
      const random = randomOf(seed);
      const failures: Failure[] = [];
      const counts = new Map<number, number>();
      let knownFingerprint: string | null = null;
      const fail = (operation: Operation, actor: Actor, status: number, reason: string, detail: string) =>
        failures.push({
          key: `${operation.method} ${operation.path} ${status} ${reason}`,
          detail: `${actor.name}: ${detail}`,
        });

      for (let i = 0; i < runs; i++) {
        if (i > 0 && i % 250 === 0) {
          await refreshActors();
          knownFingerprint = null;
        }
        const operation = random.pick(operations);
        const actor = random.pick(actors);
        const mode = random.pick<Mode>(['valid', 'valid', 'valid', 'invalid', 'invalid', 'garbage']);
        const at = seed * 31 + i * 7;

        const pathValues: Record<string, string> = {};
        const query = new URLSearchParams();
        for (const parameter of operation.parameters) {
          const partMode = mode === 'valid' || random.next() < 0.6 ? 'valid' : mode;
          if (parameter.in === 'path')
            pathValues[parameter.name] = sample(
              pathParameterArbitrary(
                parameter.schema,
                parameter.name,
                collectionOf(operation, parameter.name),
                partMode,
                pool,
              ),
              at + parameter.name.length,
            );
          else if (parameter.in === 'query' && (parameter.required || random.next() < 0.5))
            query.set(
              parameter.name,
              sample(queryParameterArbitrary(parameter.schema, parameter.name, partMode, pool), at + 1),
            );
        }
        if (mode === 'garbage' && random.next() < 0.3)
          query.set(sample(garbageString, at + 2), sample(garbageString, at + 3));

        const headers: Record<string, string> = { ...actor.headers() };
        if (actor.name === 'anonymous' && random.next() < 0.1)
          headers.authorization = `Bearer ${sample(garbageString, at + 4)}`.replace(/[^\x20-\x7e]/g, '');
        if (mode !== 'valid' && random.next() < 0.2)
          headers['if-match'] = sample(garbageString, at + 5).replace(/[^\x20-\x7e]/g, '');
        if (mode !== 'valid' && random.next() < 0.1)
          headers['x-request-id'] = sample(garbageString, at + 6).replace(/[^\x20-\x7e]/g, '');

        let payload: string | Buffer | undefined;
        const bodyTypes = Object.keys(operation.body ?? {});
        if (bodyTypes.includes('application/json')) {
          headers['content-type'] = 'application/json';
          const schema = operation.body?.['application/json'] ?? {};
          payload = JSON.stringify(sample(bodyArbitrary(schema, mode, pool), at + 7)) ?? 'null';
          if (mode === 'garbage' && random.next() < 0.3) payload = sample(garbageString, at + 8);
          if (mode === 'garbage' && random.next() < 0.1) headers['content-type'] = 'text/plain';
        } else if (bodyTypes.length) {
          headers['content-type'] = random.pick(bodyTypes);
          // A file sent as itself: a small valid one of its type, or random bytes.
          const validFile =
            headers['content-type'] === 'text/csv'
              ? Buffer.from(`Email,Name\nfuzz.${at}@fuzz.example,Fuzz ${at}\n`)
              : png(6, 6);
          payload =
            mode === 'valid' ? validFile : Buffer.from(sample(fc.uint8Array({ maxLength: 200 }), at + 9));
        } else if (operation.method !== 'GET' && mode === 'garbage' && random.next() < 0.3) {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify({ unexpected: sample(garbageString, at + 10) });
        }

        const isWrite = operation.method !== 'GET';
        if (isWrite && knownFingerprint === null) knownFingerprint = await fingerprint();
        const search = query.toString();
        const url = pathOf(operation, pathValues) + (search ? `?${search}` : '');
        const response = await t.app.inject({ method: operation.method as 'GET', url, headers, payload });
        const status = response.statusCode;
        counts.set(status, (counts.get(status) ?? 0) + 1);
        const sent = `${operation.method} ${url.slice(0, 200)} ${typeof payload === 'string' ? payload.slice(0, 300) : ''}`;

        if (status >= 500) fail(operation, actor, status, '5xx', `${sent} → ${response.body.slice(0, 300)}`);
        const declared = declaredContentTypes(operation, status);
        const contentType = String(response.headers['content-type'] ?? '')
          .split(';')[0]
          .trim();
        if (!declared)
          fail(operation, actor, status, 'undeclared status', `${sent} → ${response.body.slice(0, 200)}`);
        else if (response.rawPayload.length > 0 && !declared.includes(contentType))
          fail(operation, actor, status, `undeclared content type ${contentType}`, sent);

        if (status >= 200 && status < 300) knownFingerprint = null;
        else if (isWrite && status >= 400 && status < 500) {
          const after = await fingerprint();
          if (after !== knownFingerprint)
            fail(
              operation,
              actor,
              status,
              'rejected write changed data',
              `${changedTables(knownFingerprint ?? '', after)} after ${sent} → ${response.body.slice(0, 200)}`,
            );
          knownFingerprint = after;
        }
      }

      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      const byKey = new Map<string, Failure[]>();
      for (const failure of failures) byKey.set(failure.key, [...(byKey.get(failure.key) ?? []), failure]);
      const report = [...byKey.entries()].map(([key, list]) => `${key} ×${list.length}: ${list[0].detail}`);
      if (process.env.MEJORA_FUZZ_RUNS)
        process.stdout.write(
          `fuzz ${engine}: ${runs} requests, statuses ${JSON.stringify(Object.fromEntries([...counts].sort()))}\n`,
        );
      expect(report).toEqual([]);
    },
    Math.max(120_000, runs * 200),
  );
});
