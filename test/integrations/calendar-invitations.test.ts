// Check-in invitations end to end: the sweep sends each check-in due soon to its participants as an ordinary
// email with a text/calendar part, received over a real SMTP exchange and parsed with node-ical; a move sends
// the same UID with a higher SEQUENCE, a cancellation METHOD:CANCEL.
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueInvitations } from '../../src/services/running/check-in-invitations.ts';
import { engines, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { type MailedApp, startMailedApp } from '../helpers/mail.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';
import type { ReceivedEmail } from '../running/smtp-receiver.ts';

/** The message's text/calendar part, its Content-Type and its decoded text. */
function calendarPart(raw: string): { contentType: string; text: string } {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  for (const part of parts) {
    const [head, ...rest] = part.split(/\r?\n\r?\n/);
    const headers = head.replace(/\r?\n[ \t]+/g, ' ');
    const type = /^content-type:\s*(text\/calendar[^\r\n]*)/im.exec(headers);
    if (!type) continue;
    const body = rest.join('\n\n').replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
    const text =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? body
              .replace(/=\r?\n/g, '')
              .replace(/(?:=[0-9A-F]{2})+/g, (run) =>
                Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'),
              )
          : body;
    return { contentType: type[1], text };
  }
  throw new Error('no text/calendar part');
}

type Parsed = {
  method: string;
  uid: string;
  sequence: number;
  start: Date;
  status?: string;
  organizer: string;
  attendees: string[];
};

function parseInvitation(email: ReceivedEmail): Parsed & { contentType: string } {
  const { contentType, text } = calendarPart(email.raw);
  const data = ical.sync.parseICS(text);
  const event = Object.values(data).find((c) => c?.type === 'VEVENT') as VEvent;
  const asAddress = (value: unknown) =>
    String(typeof value === 'object' && value !== null ? (value as { val: string }).val : value).replace(
      /^mailto:/i,
      '',
    );
  const attendees = ([] as unknown[]).concat(event.attendee ?? []).map(asAddress);
  return {
    contentType,
    method: /^METHOD:(\w+)/m.exec(text)?.[1] ?? '',
    uid: event.uid,
    sequence: Number(event.sequence),
    start: new Date(event.start),
    status: event.status,
    organizer: asAddress(event.organizer),
    attendees,
  };
}

describe.each(engines)('calendar invitations on %s', (engine) => {
  let mail: MailedApp;
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let planId: string;
  let checkIn: { id: string; scheduledAt: string; type: string };

  const settled = () => mail.settled();
  const invitationsFor = (email: string, kind = 'checkin.invitation') =>
    mail
      .to(kind, email)
      .map(parseInvitation)
      .filter((p) => p.uid === `${checkIn.id}@mejora`);

  beforeAll(async () => {
    mail = await startMailedApp(engine, 'invite');
    t = mail.t;
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    const draft = await createPlan(manager, {});
    planId = (await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id)).id;
    const items = (await manager.get(`/api/v1/plans/${planId}/check-ins`)).body.items;
    checkIn = items.find((i: { type: string }) => i.type === 'weekly_checkin');
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('a check-in due within two weeks is sent to the employee and the manager as a REQUEST, once', async () => {
    expect(await sendDueInvitations(t.deps)).toBeGreaterThan(0);
    expect(await sendDueInvitations(t.deps)).toBe(0);
    await settled();
    for (const person of [demo.employee, demo.manager]) {
      const [invitation, ...others] = invitationsFor(person);
      expect(others).toEqual([]);
      expect(invitation.contentType).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
      expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0, organizer: demo.manager });
      expect(invitation.start.toISOString()).toBe(new Date(checkIn.scheduledAt).toISOString());
      expect(invitation.attendees).toEqual(expect.arrayContaining([demo.employee, demo.manager]));
    }
  });

  it('moving the check-in sends the same UID with SEQUENCE 1 and the new time', async () => {
    const moved = new Date(Date.parse(checkIn.scheduledAt) + 26 * 3_600_000).toISOString();
    const response = await manager.patch(`/api/v1/check-ins/${checkIn.id}`, {
      scheduledAt: moved,
      reason: 'Team offsite',
    });
    expect(response.status, response.text).toBe(200);
    await settled();
    const invitations = invitationsFor(demo.employee);
    expect(invitations.map((i) => i.sequence)).toEqual([0, 1]);
    expect(invitations[1]).toMatchObject({ method: 'REQUEST', uid: `${checkIn.id}@mejora` });
    expect(invitations[1].start.toISOString()).toBe(moved);
  });

  it('cancelling it sends METHOD:CANCEL with the next SEQUENCE', async () => {
    const response = await manager.patch(`/api/v1/check-ins/${checkIn.id}`, {
      status: 'cancelled',
      reason: 'Public holiday',
    });
    expect(response.status, response.text).toBe(200);
    await settled();
    for (const person of [demo.employee, demo.manager]) {
      const [cancel, ...others] = invitationsFor(person, 'checkin.cancelled');
      expect(others).toEqual([]);
      expect(cancel.contentType).toMatch(/method=CANCEL/i);
      expect(cancel).toMatchObject({ method: 'CANCEL', sequence: 2, uid: `${checkIn.id}@mejora` });
      expect(cancel.status).toBe('CANCELLED');
    }
  });
});
