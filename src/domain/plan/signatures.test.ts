// Tests of the signature rule: minor changes keep signatures, major ones void them, a refusal is an act.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentSignatures,
  hasSigned,
  isFullySigned,
  isSignatureCurrent,
  rolesToSign,
  type SignerRole,
} from './signatures.ts';

const signature = (
  role: SignerRole,
  version: number,
  extra: { isRefused?: boolean; witnessedAt?: string } = {},
) => ({
  role,
  version,
  isRefused: extra.isRefused ?? false,
  witnessedAt: extra.witnessedAt ?? null,
});

describe('signatures that still count', () => {
  it('a signature made before a minor change still counts', () => {
    // Signed at version 3; a minor change made version 4; the last major change was version 2.
    expect(isSignatureCurrent({ version: 3 }, 2)).toBe(true);
    expect(hasSigned([signature('employee', 3)], 2, 'employee')).toBe(true);
    expect(rolesToSign([signature('employee', 3)], 2)).toEqual(['manager', 'hr']);
  });

  it('a major change voids every earlier signature', () => {
    const signed = [signature('employee', 3), signature('manager', 3), signature('hr', 4)];
    expect(currentSignatures(signed, 5)).toEqual([]);
    expect(rolesToSign(signed, 5)).toEqual(['employee', 'manager', 'hr']);
    expect(isFullySigned(signed, 5)).toBe(false);
  });

  it('a signature of the major version itself counts', () => {
    expect(isSignatureCurrent({ version: 5 }, 5)).toBe(true);
  });

  it("the employee's refusal is their act on this version, complete only once witnessed", () => {
    const refused = [
      signature('employee', 3, { isRefused: true }),
      signature('manager', 3),
      signature('hr', 3),
    ];
    expect(hasSigned(refused, 3, 'employee')).toBe(true);
    expect(isFullySigned(refused, 3)).toBe(false);
    refused[0] = signature('employee', 3, { isRefused: true, witnessedAt: '2026-12-01T10:00:00.000Z' });
    expect(isFullySigned(refused, 3)).toBe(true);
    // A refusal before a major change does not stand for the new content.
    expect(hasSigned(refused, 4, 'employee')).toBe(false);
  });

  it('a role is to sign exactly when it has no current signature, and the plan is signed when none is left', () => {
    const arbitrary = fc.record({
      majorVersion: fc.integer({ min: 1, max: 8 }),
      signatures: fc.array(
        fc.record({
          role: fc.constantFrom<SignerRole>('employee', 'manager', 'hr'),
          version: fc.integer({ min: 1, max: 8 }),
        }),
        { maxLength: 8 },
      ),
    });
    fc.assert(
      fc.property(arbitrary, ({ majorVersion, signatures }) => {
        const rows = signatures.map((s) => signature(s.role, s.version));
        const toSign = rolesToSign(rows, majorVersion);
        for (const role of ['employee', 'manager', 'hr'] as const) {
          const hasCurrent = rows.some((s) => s.role === role && s.version >= majorVersion);
          expect(toSign.includes(role)).toBe(!hasCurrent);
          expect(hasSigned(rows, majorVersion, role)).toBe(hasCurrent);
        }
        expect(isFullySigned(rows, majorVersion)).toBe(toSign.length === 0);
      }),
      { seed: 13 },
    );
  });
});
