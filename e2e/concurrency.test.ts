// Edits made in the browser carry the revision they were based on: when someone else changed the activity,
// criterion or directory record since the page read it, the server refuses the write (412) and the person is
// told, instead of their older view silently replacing the newer change.
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, password, signIn } from './helpers/server.ts';
import { expectText } from './helpers/ui.ts';

const STALE = 'Someone else changed this while you were editing. Reload it and try again.';

const suite = browserSuite();

/** Another person's session, outside the browser: signs in through the API and writes with its CSRF token. */
async function otherSession(email: string) {
  const login = await fetch(`${suite.app.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${suite.app.url}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  return call;
}

async function as(email: string) {
  const s = await suite.open();
  await signIn(s.page, email);
  return s.page;
}

type PlanBody = {
  activities: { id: string; title: string; status: string; revision: number }[];
  successCriteria: { id: string; text: string; isMet: boolean; revision: number }[];
};

/** The If-Match header of the next PATCH to a path ending in `suffix`, and its status. */
function nextPatch(page: import('playwright-core').Page, suffix: string) {
  return page
    .waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(suffix))
    .then((r) => ({ ifMatch: (r.request() as Request).headers()['if-match'], status: r.status() }));
}

describe('a stale edit from the browser is refused and said', () => {
  it('an activity ticked on a page read before someone else changed it', async () => {
    const page = await as(logins.manager);
    const manager = await otherSession(logins.manager);
    const active = await manager('GET', '/api/v1/plans?status=active');
    const planId = (active.json.items as { id: string }[])[0].id;
    const plan = (await manager('GET', `/api/v1/plans/${planId}`)).json as unknown as PlanBody;
    const activity = plan.activities.find((a) => a.status === 'todo');
    expect(activity).toBeDefined();
    if (!activity) return;

    await page.goto(`/plans/${planId}/development`);
    const box = page.getByRole('checkbox', { name: activity.title });
    await box.waitFor();

    // Someone else starts the activity after the page read it.
    const changed = await manager('PATCH', `/api/v1/plans/${planId}/activities/${activity.id}`, {
      status: 'in_progress',
    });
    expect(changed.status).toBe(200);
    expect(changed.json.revision).toBeGreaterThan(activity.revision);

    const patch = nextPatch(page, `/activities/${activity.id}`);
    await box.click();
    const sent = await patch;
    expect(sent.ifMatch).toBe(`"${activity.revision}"`);
    expect(sent.status).toBe(412);
    await expectText(page, 'Someone else changed this');

    // The other change stands: the activity is in progress, not done.
    const after = (await manager('GET', `/api/v1/plans/${planId}`)).json as unknown as PlanBody;
    expect(after.activities.find((a) => a.id === activity.id)?.status).toBe('in_progress');

    // With the page reloaded, the same tick goes through, based on the latest revision.
    await page.reload();
    const fresh = nextPatch(page, `/activities/${activity.id}`);
    await page.getByRole('checkbox', { name: activity.title }).click();
    const retried = await fresh;
    expect(retried.ifMatch).toBe(`"${changed.json.revision}"`);
    expect(retried.status).toBe(200);
  });

  it('a directory record saved over a newer change is refused with the notice', async () => {
    const page = await as(logins.hr);
    const hr = await otherSession(logins.hr);
    const list = await hr('GET', '/api/v1/employees?limit=5');
    const employee = (
      list.json.items as { id: string; name: string; jobTitle: string; revision: number }[]
    )[0];

    await page.goto('/admin/employees');
    const row = page.getByRole('row').filter({ hasText: employee.name });
    await row.getByRole('button', { name: /Edit/ }).click();
    const dialog = page.getByRole('dialog');
    const title = dialog.getByLabel(/^Position/);
    await title.waitFor();

    const changed = await hr('PATCH', `/api/v1/employees/${employee.id}`, { jobTitle: 'Senior Analyst' });
    expect(changed.status).toBe(200);

    await title.fill('Analyst II');
    const patch = nextPatch(page, `/employees/${employee.id}`);
    await dialog.getByRole('button', { name: /^Save/ }).click();
    const sent = await patch;
    expect(sent.ifMatch).toBe(`"${employee.revision}"`);
    expect(sent.status).toBe(412);
    await expectText(page, STALE);
    const stored = await hr('GET', `/api/v1/employees/${employee.id}`);
    expect(stored.json.jobTitle).toBe('Senior Analyst');
  });
});
