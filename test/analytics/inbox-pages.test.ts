// The inbox in pages: an HR administrator with more plans waiting than a page holds gets the most urgent first
// (dated items by date), a cursor to the rest, every item exactly once across the pages; bad paging is refused
// naming the field. Both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIns, employees, plans, signatures } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';

type Item = { kind: string; planId: string; dueAt: string | null; subjectId: string | null };
const keyOf = (i: Item) => `${i.kind}/${i.planId}/${i.subjectId ?? ''}`;

describe.each(engines)('the inbox in pages on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let overdue: string[];
  let inReview: string[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    const db = t.database.db;
    const orgId = hr.user.orgId;
    const people = await db
      .insert(employees)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          orgId,
          name: `Paged ${String(i).padStart(2, '0')}`,
          email: `${randomUUID().slice(0, 12)}@example.com`,
          jobTitle: 'Analyst',
          department: 'Paging',
        })),
      )
      .returning({ id: employees.id, name: employees.name });
    // 24 plans waiting for approval (no date) and 6 running past their end date (dated, most urgent first).
    const rows = await db
      .insert(plans)
      .values(
        people.map((person, i) => {
          const isOverdue = i >= 24;
          return {
            orgId,
            employeeId: person.id,
            status: isOverdue ? 'active' : 'in_review',
            locale: 'en' as const,
            templateId: 'default',
            templateVersion: 1,
            startDate: '2026-06-01',
            durationWeeks: 12,
            endDate: isOverdue ? `2026-10-${String(30 - i).padStart(2, '0')}` : '2027-03-01',
            createdByUserId: hr.user.id,
            header: {
              organizationName: 'Demo',
              employeeName: person.name,
              position: 'Analyst',
              department: 'Paging',
              managerName: null,
              hrRepName: null,
              mentorName: null,
              mentorRole: null,
            },
            content: {} as never,
          };
        }),
      )
      .returning({ id: plans.id, status: plans.status });
    overdue = rows.filter((r) => r.status === 'active').map((r) => r.id);
    inReview = rows.filter((r) => r.status === 'in_review').map((r) => r.id);
  });
  afterAll(() => t?.close());

  it('pages through every item once, the dated ones first, with a cursor to the rest', async () => {
    const whole = await hr.get('/api/v1/me/inbox?limit=100');
    expect(whole.status, whole.text).toBe(200);
    const all: Item[] = whole.body.items;
    expect(whole.body.nextCursor).toBeNull();
    const mine = all.filter((i) => overdue.includes(i.planId) || i.dueAt === null);
    expect(mine.length).toBeGreaterThanOrEqual(30);

    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await hr.get(`/api/v1/me/inbox?limit=7${query}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(7);
      expect(page.body.items.length).toBeGreaterThan(0);
      // Within a page, the inbox's order: dated items by date, then the rest.
      const items: Item[] = page.body.items;
      const datedHere = items.filter((i) => i.dueAt !== null).length;
      expect(items.findIndex((i) => i.dueAt === null)).toBe(datedHere === items.length ? -1 : datedHere);
      seen.push(...items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(cursor).toBeNull();
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / 7));
    expect(seen.map(keyOf).sort()).toEqual(all.map(keyOf).sort());
    expect(new Set(seen.map(keyOf)).size).toBe(seen.length);
    // Plans come by urgency: the one past its end date the longest first, every overdue plan before the plans
    // waiting without a date.
    const dated = seen.filter((i) => i.dueAt !== null);
    expect(seen[0]?.planId).toBe(overdue.at(-1));
    expect(dated.map((i) => i.dueAt)).toEqual(dated.map((i) => i.dueAt).sort());
    const firstOf = (id: string) => seen.findIndex((i) => i.planId === id);
    const lastOverdue = Math.max(...overdue.map(firstOf));
    const firstInReview = Math.min(...inReview.map(firstOf));
    expect(Math.min(...overdue.map(firstOf), ...inReview.map(firstOf))).toBeGreaterThanOrEqual(0);
    expect(lastOverdue).toBeLessThan(firstInReview);
  });

  it('answers one page by default and refuses a bad limit or cursor, naming it', async () => {
    const first = await hr.get('/api/v1/me/inbox');
    expect(first.status).toBe(200);
    expect(first.body.items.length).toBeLessThanOrEqual(50);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
    ] as const) {
      const response = await hr.get(`/api/v1/me/inbox?${query}`);
      expect([400, 422], query).toContain(response.status);
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });

  it('reads an HR administrator one batch of plans, not every plan whose check-in is due for its manager', async () => {
    const manager = await signIn(t.app, demo.manager);
    const db = t.database.db;
    const orgId = hr.user.orgId;
    const people = await db
      .insert(employees)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          orgId,
          name: `Due ${String(i).padStart(2, '0')}`,
          email: `${randomUUID().slice(0, 12)}@example.com`,
          jobTitle: 'Analyst',
          department: 'Due',
        })),
      )
      .returning({ id: employees.id, name: employees.name });
    // Sixty running plans of the demo manager, each with a check-in in an hour: the manager's to record, the
    // most urgent plans of all, and nothing an HR administrator owes.
    const running = await db
      .insert(plans)
      .values(
        people.map((person) => ({
          orgId,
          employeeId: person.id,
          status: 'active' as const,
          locale: 'en' as const,
          templateId: 'default',
          templateVersion: 1,
          startDate: '2026-06-01',
          durationWeeks: 40,
          endDate: '2027-03-08',
          createdByUserId: hr.user.id,
          managerUserId: manager.user.id,
          header: {
            organizationName: 'Demo',
            employeeName: person.name,
            position: 'Analyst',
            department: 'Due',
            managerName: null,
            hrRepName: null,
            mentorName: null,
            mentorRole: null,
          },
          content: {} as never,
        })),
      )
      .returning({ id: plans.id });
    const inAnHour = new Date(t.clock.now().getTime() + 60 * 60 * 1000).toISOString();
    await db.insert(checkIns).values(
      running.map((plan) => ({
        orgId,
        planId: plan.id,
        type: 'weekly_checkin' as const,
        scheduledAt: inAnHour,
        originalScheduledAt: inAnHour,
        durationMinutes: 30,
      })),
    );
    // Signed by all three, so that nothing on them waits on HR.
    await db.insert(signatures).values(
      running.flatMap((plan) =>
        (['employee', 'manager', 'hr'] as const).map((role) => ({
          orgId,
          planId: plan.id,
          version: 1,
          role,
          userId: role === 'manager' ? manager.user.id : hr.user.id,
          signerName: role,
          typedName: role,
          clauses: [],
          documentHash: 'a'.repeat(64),
          signedAt: '2026-06-01T09:00:00.000Z',
        })),
      ),
    );
    const candidateReads: string[] = [];
    const stop = t.database.watchQueries((query) => {
      if (query.includes('urgent_at')) candidateReads.push(query);
    });
    const page = await hr.get('/api/v1/me/inbox?limit=20');
    stop();
    expect(page.status, page.text).toBe(200);
    // A page ends at a plan's last item, so it may hold fewer than the limit.
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(page.body.items.length).toBeLessThanOrEqual(20);
    const ids = new Set(running.map((p) => p.id));
    expect(page.body.items.filter((i: Item) => ids.has(i.planId))).toEqual([]);
    // One batch of candidates answers the page: the manager's due check-ins no longer make the HR administrator's
    // candidates (here a second batch; on the large organisation sixteen, 6.8 s).
    expect(candidateReads).toHaveLength(1);
    // The manager still has each check-in to record.
    const managers: Item[] = [];
    let cursor: string | null = null;
    do {
      const response = await manager.get(
        `/api/v1/me/inbox?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status, response.text).toBe(200);
      managers.push(...response.body.items);
      cursor = response.body.nextCursor;
    } while (cursor);
    const toRecord = managers.filter((i) => i.kind === 'record_check_in' && ids.has(i.planId));
    expect(toRecord).toHaveLength(60);
  });
});
