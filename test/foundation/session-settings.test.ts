// The settings every PostgreSQL session of Mejora's pool runs with (src/db/client.ts): no just-in-time
// compilation, whose compile time outweighed the short statements it was meant to speed up.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { selectRows } from '../../src/services/analytics/analytics-scope.ts';
import { engines, openTestDatabase } from '../helpers/engines.ts';

describe.runIf(engines.includes('postgres'))('PostgreSQL sessions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database.close());

  it('run without JIT compilation on every pooled connection', async () => {
    // Several at once, so that more than one of the pool's connections answers.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        selectRows<{ jit: string }>(database.db, sql`select current_setting('jit') as jit, pg_sleep(0.05)`),
      ),
    );
    expect(answers.map((rows) => rows[0]?.jit)).toEqual(['off', 'off', 'off', 'off']);
  });
});
