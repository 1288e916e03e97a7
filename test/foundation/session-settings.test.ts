// The settings every PostgreSQL session of Mejora's pool runs with (src/db/client.ts): no just-in-time
// compilation and no parallel workers, whose start-up outweighed the short statements they were meant to speed up,
// and generic plans for the statements prepared by name, which PostgreSQL otherwise re-planned on every call.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { selectRows } from '../../src/db/sql.ts';
import { engines, openTestDatabase } from '../helpers/engines.ts';

describe.runIf(engines.includes('postgres'))('PostgreSQL sessions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database.close());

  it('run without JIT compilation or parallel workers, with generic plans, on every pooled connection', async () => {
    // Several at once, so that more than one of the pool's connections answers.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        selectRows<{ jit: string; workers: string; plans: string }>(
          database.db,
          sql`select current_setting('jit') as jit,
            current_setting('max_parallel_workers_per_gather') as workers,
            current_setting('plan_cache_mode') as plans, pg_sleep(0.05)`,
        ),
      ),
    );
    expect(answers.map((rows) => `${rows[0]?.jit} ${rows[0]?.workers} ${rows[0]?.plans}`)).toEqual(
      Array(4).fill('off 0 force_generic_plan'),
    );
  });
});
