import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOf, sha256 } from '../domain/audit/canonical-json.ts';
import { eventHash, genesisHash } from '../domain/audit/chain.ts';
import { dossierFormat } from './dossier.ts';
import { verifyDossierRecord } from './verify-dossier.ts';

const planId = '3f0c9d1e-0000-4000-8000-000000000001';

/** A small record: two versions (the second signed by two people), a two-event audit chain. */
function record() {
  const v1 = { planId, goal: 'Reopen fewer than 10% of tickets' };
  const v2 = { planId, goal: 'Reopen fewer than 8% of tickets' };
  const first = {
    orgId: 'org',
    chain: planId,
    seq: 1,
    actorUserId: null,
    action: 'plan.created',
    entityType: 'plan',
    entityId: planId,
    planId,
    at: '2026-11-24T09:00:00.000Z',
    requestId: null,
    ip: null,
    userAgent: null,
    digest: null,
    prevHash: genesisHash,
  };
  const firstHash = eventHash(first);
  const second = { ...first, seq: 2, action: 'plan.signed', prevHash: firstHash };
  const secondHash = eventHash(second);
  const signature = (role: string, name: string) => ({
    role,
    signerName: name,
    version: 2,
    documentHash: hashOf(v2),
    isRefused: false,
  });
  return {
    format: dossierFormat,
    generatedAt: '2026-12-01T09:00:00.000Z',
    plan: { id: planId, employeeName: 'Elena Martín', version: 2, shownVersion: 2 },
    versions: [
      { version: 1, documentHash: hashOf(v1), snapshot: null },
      { version: 2, documentHash: hashOf(v2), snapshot: v2 },
    ],
    signatures: [signature('employee', 'Elena Martín'), signature('hr', 'Marta Navarro')],
    audit: {
      events: [
        { ...first, hash: firstHash, actorName: null },
        { ...second, hash: secondHash, actorName: 'Marta Navarro' },
      ],
      head: { seq: 2, hash: secondHash },
    },
  };
}

const bytesOf = (value: unknown): Buffer => Buffer.from(canonicalJson(value), 'utf8');
const check = (value: unknown) => {
  const bytes = bytesOf(value);
  return verifyDossierRecord(bytes, sha256(bytes.toString('utf8')));
};

describe('dossier record verification', () => {
  it('accepts a record whose hash, versions, signatures and audit chain all agree', () => {
    const report = check(record());
    expect(report.problems).toEqual([]);
    expect(report.isIntact).toBe(true);
    expect(report.signatures).toEqual([
      { role: 'employee', signerName: 'Elena Martín', version: 2, isRefused: false, matches: true },
      { role: 'hr', signerName: 'Marta Navarro', version: 2, isRefused: false, matches: true },
    ]);
    expect(report.audit).toMatchObject({ events: 2, isIntact: true });
  });

  it('fails when one byte of the record changes', () => {
    const bytes = bytesOf(record());
    const stated = sha256(bytes.toString('utf8'));
    const at = bytes.indexOf('8%');
    bytes[at] = '9'.charCodeAt(0);
    const report = verifyDossierRecord(bytes, stated);
    expect(report.isIntact).toBe(false);
    expect(report.problems[0]).toMatch(
      /^the embedded record was changed: its SHA-256 is [0-9a-f]{64}, the dossier states /,
    );
    // The changed goal no longer hashes to what the signers signed.
    expect(report.problems).toContain('version 2 does not match its document hash');
    expect(report.signatures.every((s) => !s.matches)).toBe(true);
  });

  it('names a signature that claims a version whose text differs, without calling the file damaged', () => {
    const forged = record();
    forged.signatures[1].documentHash = hashOf({ planId, goal: 'something else' });
    const report = check(forged);
    expect(report.isIntact).toBe(true);
    expect(report.signatures.map((s) => s.matches)).toEqual([true, false]);
    expect(report.problems).toEqual([
      `the hr's signature does not match version 2: it signed ${forged.signatures[1].documentHash}`,
    ]);
  });

  it('finds an audit event changed or removed, and a chain that stops before its head', () => {
    const changed = record();
    changed.audit.events[0].action = 'plan.viewed';
    expect(check(changed).problems).toContain('the audit trail is broken at event 1: changed');

    const truncated = record();
    truncated.audit.events.pop();
    const report = check(truncated);
    expect(report.audit.isIntact).toBe(false);
    expect(report.problems).toContain('the audit trail does not end at its recorded chain head');
  });

  it('refuses what is not a canonical dossier record', () => {
    const pretty = Buffer.from(JSON.stringify(record(), null, 2));
    expect(verifyDossierRecord(pretty, sha256(pretty.toString())).problems).toEqual([
      'the embedded record is not in canonical form',
    ]);
    expect(verifyDossierRecord(Buffer.from('{"format":'), null).problems).toEqual([
      'the dossier does not state the hash of its record',
      'the embedded record is not valid JSON',
    ]);
    const other = bytesOf({ format: 'something/1' });
    expect(verifyDossierRecord(other, sha256(other.toString())).problems).toEqual([
      `the embedded record is not a ${dossierFormat} record`,
    ]);
  });
});
