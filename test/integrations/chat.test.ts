// Slack and Teams end to end: an HR administrator connects both; plan events reach local receivers through
// the job queue in the shapes Slack (users.lookupByEmail, chat.postMessage with blocks) and Teams (an Adaptive
// Card in the Workflows webhook envelope) document, retried after a 500, and carry no plan content.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../../src/db/schema/index.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/job-runner.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { fastJobs } from '../helpers/mail.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';
import { waitFor } from '../running/smtp-receiver.ts';
import { type Receiver, startReceiver } from './receiver.ts';

const token = 'xoxb-1234567890-abcdefghij';

describe.each(engines)('Slack and Teams on %s', (engine) => {
  let t: TestApp;
  let runner: JobRunner;
  let slack: Receiver;
  let teams: Receiver;
  let hr: Client;
  let manager: Client;
  let hrRep: Client;
  let planId: string;
  const slackIds = new Map<string, string>();

  beforeAll(async () => {
    slack = await startReceiver();
    teams = await startReceiver();
    slack.respond((request) => {
      const url = new URL(request.path, slack.url);
      if (url.pathname === '/api/users.lookupByEmail') {
        const email = url.searchParams.get('email') ?? '';
        if (email === demo.hrRep) return { body: { ok: false, error: 'users_not_found' } };
        const id = `U${String(slackIds.size + 1).padStart(8, '0')}`;
        slackIds.set(email, slackIds.get(email) ?? id);
        return { body: { ok: true, user: { id: slackIds.get(email) } } };
      }
      if (url.pathname === '/api/chat.postMessage') {
        const body = JSON.parse(request.body);
        return { body: { ok: true, channel: body.channel, ts: '1700000000.000100' } };
      }
      return { status: 404, body: { ok: false, error: 'unknown_method' } };
    });
    t = await startTestApp(engine, { env: { SLACK_API_URL: `${slack.url}/api` } });
    runner = createJobRunner(t.deps, fastJobs);
    t.deps.afterCommit = () => runner.wake();
    await runner.start();
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    hrRep = await signIn(t.app, demo.hrRep);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await slack?.close();
    await teams?.close();
  });

  it('an HR administrator connects Slack and Teams; the bot token is never returned', async () => {
    expect((await manager.patch('/api/v1/organization/chat', { slackBotToken: token })).status).toBe(403);
    const badToken = await hr.patch('/api/v1/organization/chat', { slackBotToken: 'hunter2' });
    expect(badToken.status).toBe(422);
    expect(badToken.body.errors[0].path).toBe('body/slackBotToken');
    const badUrl = await hr.patch('/api/v1/organization/chat', { teamsWebhookUrl: 'http://example.com/x' });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.errors[0].path).toBe('body/teamsWebhookUrl');
    const saved = await hr.patch('/api/v1/organization/chat', {
      slackBotToken: token,
      teamsWebhookUrl: `${teams.url}/workflows/triggers/manual/run`,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toEqual({
      isSlackConnected: true,
      teamsWebhookUrl: `${teams.url}/workflows/triggers/manual/run`,
    });
    const read = await hr.get('/api/v1/organization/chat');
    expect(read.text).not.toContain(token);
    expect(read.body.isSlackConnected).toBe(true);
  });

  it('a submitted plan reaches each person in Slack and Teams: who, what, a link, and no plan content', async () => {
    teams.failNext(500);
    const draft = await createPlan(manager, { hrRepId: hrRep.user.id });
    planId = (await completePlan(manager, draft)).id;
    const submitted = await manager.post(`/api/v1/plans/${planId}/transitions`, { action: 'submit' });
    expect(submitted.status, submitted.text).toBe(200);
    const settled = await waitFor(
      () => t.database.db.select().from(chatMessages),
      (rows) => rows.length === 4 && rows.every((r) => r.status === 'sent' || r.status === 'failed'),
      30_000,
    );
    // Manager and HR representative, on both channels; the HR representative has no Slack account.
    const slackToRep = settled.find((r) => r.channel === 'slack' && r.toUserId === hrRep.user.id);
    expect(slackToRep?.status).toBe('failed');
    expect(slackToRep?.lastError).toContain('users_not_found');
    expect(slackToRep?.attempts).toBe(1);
    const teamsRows = settled.filter((r) => r.channel === 'teams');
    expect(teamsRows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(teamsRows.reduce((n, r) => n + r.attempts, 0)).toBe(3);

    const lookups = slack.requests.filter((r) => r.path.startsWith('/api/users.lookupByEmail'));
    expect(lookups.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(lookups.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);
    const posts = slack.requests.filter((r) => r.path === '/api/chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].headers.authorization).toBe(`Bearer ${token}`);
    expect(posts[0].headers['content-type']).toContain('application/json');
    const message = JSON.parse(posts[0].body);
    expect(message.channel).toBe(slackIds.get(demo.manager));
    expect(message.text).toContain('A plan was submitted for review');
    expect(message.blocks.map((b: { type: string }) => b.type)).toEqual(['section', 'actions', 'context']);
    expect(message.blocks[1].elements[0]).toMatchObject({
      type: 'button',
      url: `http://localhost:3000/plans/${planId}`,
    });

    expect(teams.requests).toHaveLength(3);
    const card = JSON.parse(teams.requests[2].body);
    expect(card.type).toBe('message');
    expect(card.attachments).toHaveLength(1);
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments[0].content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.attachments[0].content.actions[0]).toEqual({
      type: 'Action.OpenUrl',
      title: 'Open in Mejora',
      url: `http://localhost:3000/plans/${planId}`,
    });
    const mentioned = teams.requests.map(
      (r) => JSON.parse(r.body).attachments[0].content.msteams.entities[0].mentioned.id,
    );
    expect(new Set(mentioned)).toEqual(new Set([demo.manager, demo.hrRep]));

    for (const request of [...slack.requests, ...teams.requests]) {
      expect(request.body).not.toContain('Elena');
      expect(request.body).not.toContain('Martín');
      expect(request.body).not.toContain('lesson player');
    }
  });

  it('disconnecting stops the messages', async () => {
    const off = await hr.patch('/api/v1/organization/chat', { slackBotToken: null, teamsWebhookUrl: null });
    expect(off.body).toEqual({ isSlackConnected: false, teamsWebhookUrl: null });
    const before = (await t.database.db.select().from(chatMessages)).length;
    const rejected = await hr.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'reject',
      reason: 'Please add a dated example',
    });
    expect(rejected.status, rejected.text).toBe(200);
    expect((await t.database.db.select().from(chatMessages)).length).toBe(before);
  });
});
