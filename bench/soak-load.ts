// The load of `npm run soak`, in its own process so it does not share the server's CPU time slices:
// N clients in closed loops against 127.0.0.1, a mix of full-plan reads, list reads and writes. Every write
// names its client and sequence number, so the caller can read each acknowledged one back afterwards.
// Input: the path of a JSON file (SoakPlan); output: one JSON line (SoakResult) on stdout.
import { readFileSync } from 'node:fs';

export type SoakSession = { cookie: string; csrf: string };
export type SoakPlanEntry = { id: string; metricId: string };
export type SoakPlan = {
  url: string;
  seconds: number;
  clients: number;
  sessions: SoakSession[];
  plans: SoakPlanEntry[];
  /** One success criterion per client, which only that client rewrites. */
  criteria: { planId: string; id: string }[];
  date: string;
};
export type SoakResult = {
  requests: number;
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  timeouts: number;
  /** Per client: the last acknowledged criterion sequence and the last one sent. */
  criteria: { acked: number; sent: number }[];
  /** Notes of every acknowledged measurement, per plan index. */
  measurements: string[][];
};

const timeoutMs = 30_000;

if (import.meta.main) {
  const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as SoakPlan;
  const result: SoakResult = {
    requests: 0,
    latenciesMs: [],
    errors: 0,
    errorSamples: [],
    timeouts: 0,
    criteria: plan.criteria.map(() => ({ acked: 0, sent: 0 })),
    measurements: plan.plans.map(() => []),
  };
  const end = Date.now() + plan.seconds * 1000;

  const call = async (session: SoakSession, method: string, path: string, body?: unknown) => {
    const started = performance.now();
    result.requests++;
    try {
      const response = await fetch(`${plan.url}${path}`, {
        method,
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      result.latenciesMs.push(performance.now() - started);
      if (response.status >= 400) {
        result.errors++;
        if (result.errorSamples.length < 5)
          result.errorSamples.push(
            `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${response.status} ${text.slice(0, 120)}`,
          );
        return false;
      }
      return true;
    } catch (error) {
      result.latenciesMs.push(performance.now() - started);
      if ((error as Error).name === 'TimeoutError') result.timeouts++;
      else {
        result.errors++;
        if (result.errorSamples.length < 5)
          result.errorSamples.push(`${method}: ${(error as Error).message}`);
      }
      return false;
    }
  };

  // A small deterministic generator per client: the same mix on every run.
  const random = (seed: number) => () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };

  await Promise.all(
    Array.from({ length: plan.clients }, async (_, client) => {
      const next = random(client + 1);
      const session = plan.sessions[client % plan.sessions.length];
      const own = plan.criteria[client];
      const planIndex = plan.plans.findIndex((p) => p.id === own.planId);
      const target = plan.plans[planIndex];
      let seq = 0;
      while (Date.now() < end) {
        const roll = next();
        if (roll < 0.55) await call(session, 'GET', `/api/v1/plans/${target.id}`);
        else if (roll < 0.7) await call(session, 'GET', '/api/v1/plans?limit=25');
        else if (roll < 0.9) {
          seq++;
          result.criteria[client].sent = seq;
          const isAcked = await call(
            session,
            'PATCH',
            `/api/v1/plans/${own.planId}/success-criteria/${own.id}`,
            {
              text: `client ${client} write ${seq}`,
            },
          );
          if (isAcked) result.criteria[client].acked = seq;
        } else {
          const note = `client ${client} measurement ${seq++}`;
          const isAcked = await call(
            session,
            'POST',
            `/api/v1/plans/${target.id}/metrics/${target.metricId}/measurements`,
            { date: plan.date, value: 50 + (client % 40), note },
          );
          if (isAcked) result.measurements[planIndex].push(note);
        }
      }
    }),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
