// A person's data on request: one zip with a JSON index holding the person, their plans (JSON and PDF), what they
// wrote and the audit events about them — and nothing of other people's plans; only an HR administrator gets it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

const scratch = mkdtempSync(join(tmpdir(), 'mejora-data-export-'));
const unzip = (zip: Buffer, ...args: string[]) => {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, zip);
  return execFileSync('unzip', [...args, file], { maxBuffer: 64 * 1024 * 1024 });
};

describe.each(engines)("a person's data on request on %s", (engine) => {
  let t: TestApp;
  let hrAdmin: Client;
  let employeeId: string;

  const download = (client: Client | null, id: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/employees/${id}/data-export`,
      headers: client ? { cookie: client.cookie } : {},
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    hrAdmin = await signIn(t.app, demo.hr);
    const employee = await signIn(t.app, demo.employee);
    const manager = await signIn(t.app, demo.manager);
    employeeId = employee.user.employeeId ?? '';
    const plan = await activatePlan(
      manager,
      hrAdmin,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    // Something the person wrote, so that it must travel with the export.
    const commented = await employee.post(`/api/v1/plans/${plan.id}/comments`, {
      body: 'MXDATAREQUESTCOMMENT I would like more time with the mentor.',
    });
    expect(commented.status, commented.text).toBe(201);
  });
  afterAll(() => t?.close());

  it('holds the index, the person, each of their plans as JSON and PDF, their words and the events about them', async () => {
    const response = await download(hrAdmin, employeeId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(String(response.headers['content-disposition'])).toMatch(
      /^attachment; filename="personal-data-.+\.zip"$/,
    );
    const zip = response.rawPayload;
    const index = JSON.parse(unzipEntry(zip, 'index.json').toString('utf8'));
    expect(index.kind).toBe('mejora.person-data-export');
    expect(index.person.employeeId).toBe(employeeId);
    expect(index.plans.length).toBeGreaterThan(0);

    const listing = unzip(zip, '-Z1').toString('utf8').trim().split('\n').sort();
    for (const plan of index.plans) {
      expect(listing).toContain(`plans/${plan.id}.json`);
      expect(listing).toContain(`plans/${plan.id}.pdf`);
    }
    expect(listing).toEqual(
      expect.arrayContaining([
        'index.json',
        'person.json',
        'written-by-the-person.json',
        'audit-events.json',
      ]),
    );

    const read = (name: string) => JSON.parse(unzipEntry(zip, name).toString('utf8'));
    const person = read('person.json');
    expect(person.directoryRecord.id).toBe(employeeId);
    expect(person.account.email).toBe(demo.employee);
    expect(JSON.stringify(person)).not.toContain('password');
    expect(JSON.stringify(read('written-by-the-person.json'))).toContain('MXDATAREQUESTCOMMENT');
    const events = read('audit-events.json') as { byThePerson: boolean; ip?: string }[];
    expect(events.some((e) => e.byThePerson)).toBe(true);
    // Other people's addresses and devices stay out.
    expect(events.filter((e) => !e.byThePerson).every((e) => e.ip === undefined)).toBe(true);
    const pdf = unzipEntry(zip, `plans/${index.plans[0].id}.pdf`);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("holds nothing of other people's plans", async () => {
    const directory = (await hrAdmin.get('/api/v1/employees?limit=50')).body.items as {
      id: string;
      userId: string;
    }[];
    const someoneElse = directory.find((e) => e.id !== employeeId && e.userId !== hrAdmin.user.id);
    await createPlan(hrAdmin, { employeeId: someoneElse!.id });
    const all = (await hrAdmin.get('/api/v1/plans?limit=100')).body.items as {
      id: string;
      employeeId: string;
      employeeName: string;
    }[];
    const others = all.filter((p) => p.employeeId !== employeeId);
    expect(others.length).toBeGreaterThan(0);
    const zip = (await download(hrAdmin, employeeId)).rawPayload;
    const everything = unzip(zip, '-p').toString('utf8');
    for (const other of others) expect(everything).not.toContain(other.id);
  });

  it('is for HR administrators only, and each export is in the audit trail of the plans it holds', async () => {
    for (const email of [demo.hrRep, demo.manager, demo.employee, demo.mentor, demo.auditor]) {
      const client = await signIn(t.app, email);
      expect((await download(client, employeeId)).statusCode, email).toBe(404);
    }
    expect((await download(null, employeeId)).statusCode).toBe(401);
    const zip = (await download(hrAdmin, employeeId)).rawPayload;
    const index = JSON.parse(unzipEntry(zip, 'index.json').toString('utf8'));
    const audit = (await hrAdmin.get(`/api/v1/plans/${index.plans[0].id}/audit`)).body.items as {
      action: string;
    }[];
    expect(audit.map((e) => e.action)).toContain('plan.exported_for_data_request');
  });
});

function unzipEntry(zip: Buffer, name: string): Buffer {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, zip);
  return execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 * 1024 * 1024 });
}
