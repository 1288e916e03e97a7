import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appealDeadline, appealDecisionProblems } from './appeals.ts';
import { addDays, daysBetween } from './dates.ts';

describe('appeal period', () => {
  it('counts working days, Monday to Friday', () => {
    // Thursday 2026-12-03 + 10 working days = Thursday 2026-12-17.
    expect(appealDeadline('2026-12-03', 10)).toBe('2026-12-17');
    // Friday + 1 working day = Monday.
    expect(appealDeadline('2026-12-04', 1)).toBe('2026-12-07');
  });

  it('never ends on a weekend and spans n working days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
        const start = addDays('2024-01-01', offset);
        const end = appealDeadline(start, n);
        const day = new Date(`${end}T00:00:00Z`).getUTCDay();
        expect(day === 0 || day === 6).toBe(false);
        let working = 0;
        for (let d = addDays(start, 1); daysBetween(d, end) >= 0; d = addDays(d, 1)) {
          const w = new Date(`${d}T00:00:00Z`).getUTCDay();
          if (w !== 0 && w !== 6) working++;
        }
        expect(working).toBe(n);
      }),
    );
  });

  it('a decision needs a reason; a change a different outcome; an extension a later end date', () => {
    const plan = { outcome: 'unsuccessful' as const, endDate: '2026-12-01', today: '2026-12-03' };
    expect(appealDecisionProblems({ decision: 'upheld', reason: ' ' }, plan)).toEqual([
      { path: 'body/reason', message: expect.any(String) },
    ]);
    expect(
      appealDecisionProblems({ decision: 'changed', reason: 'r', outcome: 'unsuccessful' }, plan)[0].path,
    ).toBe('body/outcome');
    expect(
      appealDecisionProblems({ decision: 'extended', reason: 'r', endDate: '2026-12-02' }, plan)[0].path,
    ).toBe('body/endDate');
    expect(
      appealDecisionProblems({ decision: 'extended', reason: 'r', endDate: '2027-01-15' }, plan),
    ).toEqual([]);
  });
});
