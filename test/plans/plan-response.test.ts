// What a plan read may let out: exactly the fields of its contract, whoever reads it, even when the read model
// carries more (an extra property anywhere in it never reaches the answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  planAnswerSchema as answer,
  serializePlanAnswer as serialize,
} from '../../src/server/routes/plans.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

// The plan read's answer schema and the serializer that writes it, as its route declares and uses them.
// The contract's records (free keys, as Zod lets them out): its headings and the support sections' placeholders.
const records = new Set(['headings', 'placeholders']);

/** The same value with an unknown property added to every object that is not a record of the contract. */
function withLeaks(value: unknown, isRecord = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withLeaks(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = isRecord ? {} : { leakedSecret: 'must not leave', orgId: 'x' };
  for (const [key, inner] of Object.entries(value)) out[key] = withLeaks(inner, records.has(key));
  return out;
}

describe.each(engines)('the plan read’s answer on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let mentor: Client;
  let planId: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
    const draft = await completePlan(
      manager,
      await createPlan(manager, { hrRepId: hr.user.id, mentorId: mentor.user.id }),
    );
    planId = (await activatePlan(manager, hr, employee, draft.id)).id;
  });
  afterAll(() => t?.close());

  it('carries only the contract’s fields for every reader, and an unknown property anywhere is dropped', async () => {
    for (const reader of [manager, hr, employee, mentor]) {
      const read = await reader.get(`/api/v1/plans/${planId}`);
      expect(read.status, read.text).toBe(200);
      // Zod's encode drops what the contract does not name: nothing is dropped, so nothing extra was sent.
      expect(read.body).toEqual(JSON.parse(JSON.stringify(z.encode(answer, read.body))));
      expect(Boolean(read.body.isMentorView)).toBe(reader === mentor);
      const leaking = withLeaks(read.body);
      const written = serialize(leaking);
      expect(written.includes('leakedSecret') || written.includes('"orgId"')).toBe(false);
      expect(JSON.parse(written)).toEqual(read.body);
      expect(written).toBe(JSON.stringify(z.encode(answer, leaking as z.input<typeof answer>)));
    }
  });
});
