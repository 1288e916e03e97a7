// Notification preferences are read once per transaction: one write that tells the same people of several
// events (the plan's people, then HR) asks the database for their preferences once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { inTransaction } from '../../src/services/context.ts';
import { routeNotification } from '../../src/services/notifications/route-notification.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';

describe.each(engines)('routing notifications on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
  });
  afterAll(() => t?.close());

  it('reads each person’s preferences once per transaction, and afresh in the next one', async () => {
    const event = (userIds: string[]) => ({
      orgId: hr.user.orgId,
      userIds,
      kind: 'comment.added',
      planId: null,
      at: t.clock.now(),
    });
    const rolledBack = new Error('rolled back on purpose');
    await expect(
      inTransaction(t.deps, async (tx) => {
        const first = await routeNotification(tx, event([hr.user.id]));
        expect(first.inApp).toEqual([hr.user.id]);
        // Changed within the transaction: the preferences already read stand until it ends.
        await tx
          .update(users)
          .set({ notificationPreferences: { comments: 'off' } })
          .where(eq(users.id, hr.user.id));
        const again = await routeNotification(tx, event([manager.user.id, hr.user.id]));
        expect(again.inApp).toEqual([manager.user.id, hr.user.id]);
        expect(again.deliveries.get(manager.user.id)).toBe('in_app');
        // A later transaction reads them again and sees the change.
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);

    await t.deps.database.db
      .update(users)
      .set({ notificationPreferences: { comments: 'off' } })
      .where(eq(users.id, hr.user.id));
    const later = await inTransaction(t.deps, (tx) =>
      routeNotification(tx, event([hr.user.id, manager.user.id])),
    );
    expect(later.inApp).toEqual([manager.user.id]);
    expect(later.deliveries.get(hr.user.id)).toBe('off');
  });
});
