// Tests of the calendar helpers: validity, day arithmetic across month, year and leap boundaries, time zones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween, isValidDate, todayIn } from './dates.ts';

/** Dates from 1900 to 2199, built through Date so the generator does not share the code under test. */
const dateArb = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

describe('isValidDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (s) => {
      expect(isValidDate(s)).toBe(true);
    },
  );

  it.each([
    '2023-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '2025-01-1',
    '25-01-01',
    '2025/01/01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '2025-01-01 ',
    '',
    'today',
  ])('rejects %j', (s) => {
    expect(isValidDate(s)).toBe(false);
  });

  it('rejects non-strings passed from untyped callers', () => {
    expect(isValidDate(20250101 as unknown as string)).toBe(false);
    expect(isValidDate(null as unknown as string)).toBe(false);
  });

  it('accepts every date Date itself prints', () => {
    fc.assert(fc.property(dateArb, (d) => isValidDate(d)));
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-03-10', 0)).toBe('2025-03-10');
    expect(addDays('2025-01-06', 83)).toBe('2025-03-30');
  });

  it('is unaffected by daylight-saving changes in the process time zone', () => {
    // 2025-03-30 is the EU spring-forward day; a local-time implementation would lose or repeat a date.
    expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
  });

  it('handles years below 100 without mapping them onto the 1900s', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0001-01-01', 365)).toBe('0002-01-01');
  });

  it('throws on invalid dates, fractional days and results outside four-digit years', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('undoes itself and agrees with daysBetween', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(isValidDate(moved)).toBe(true);
        expect(addDays(moved, -n)).toBe(d);
        expect(daysBetween(d, moved)).toBe(n);
      }),
    );
  });

  it('composes: (d + a) + b = d + (a + b)', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (d, a, b) => {
          expect(addDays(addDays(d, a), b)).toBe(addDays(d, a + b));
        },
      ),
    );
  });
});

describe('daysBetween', () => {
  it('counts b − a', () => {
    expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
    expect(daysBetween('2025-01-31', '2025-01-01')).toBe(-30);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-05-05', '2025-05-05')).toBe(0);
  });

  it('is antisymmetric', () => {
    fc.assert(fc.property(dateArb, dateArb, (a, b) => daysBetween(a, b) === -daysBetween(b, a)));
  });

  it('throws on invalid input', () => {
    expect(() => daysBetween('2025-01-01', 'nope')).toThrow(RangeError);
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-03-01', '2024-12-31', '2025-01-15'].sort(compareDates)).toEqual([
      '2024-12-31',
      '2025-01-15',
      '2025-03-01',
    ]);
  });

  it('agrees with the sign of daysBetween and with string order', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        expect(compareDates(a, b)).toBe(Math.sign(daysBetween(b, a)) || 0);
        expect(compareDates(a, b)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('throws on invalid input', () => {
    expect(() => compareDates('2025-02-29', '2025-01-01')).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  // 2025-01-01 03:30 UTC: still New Year's Eve in the Americas, already New Year's Day in Europe and Asia.
  const instant = new Date('2025-01-01T03:30:00Z');

  it('gives the wall-clock date of the zone', () => {
    expect(todayIn('UTC', instant)).toBe('2025-01-01');
    expect(todayIn('America/Mexico_City', instant)).toBe('2024-12-31');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2024-12-31');
    expect(todayIn('Europe/Madrid', instant)).toBe('2025-01-01');
    expect(todayIn('Pacific/Kiritimati', new Date('2024-12-31T10:00:00Z'))).toBe('2025-01-01');
  });

  it("changes date at the zone's midnight, also when asked again within the same minute", () => {
    // Madrid is UTC+1 in January: midnight is 23:00 UTC.
    expect(todayIn('Europe/Madrid', new Date('2025-01-01T22:59:59.999Z'))).toBe('2025-01-01');
    expect(todayIn('Europe/Madrid', new Date('2025-01-01T23:00:00Z'))).toBe('2025-01-02');
    expect(todayIn('Europe/Madrid', new Date('2025-01-01T23:00:59Z'))).toBe('2025-01-02');
    expect(todayIn('Europe/Madrid', new Date('2025-01-01T22:59:30Z'))).toBe('2025-01-01');
    // Kathmandu is UTC+5:45: its midnight falls on a quarter hour.
    expect(todayIn('Asia/Kathmandu', new Date('2025-01-01T18:14:59Z'))).toBe('2025-01-01');
    expect(todayIn('Asia/Kathmandu', new Date('2025-01-01T18:15:00Z'))).toBe('2025-01-02');
    // Monrovia was UTC−0:44:30 until 1972: midnight at 00:44:30 UTC, within a minute.
    expect(todayIn('Africa/Monrovia', new Date('1971-06-01T00:44:29Z'))).toBe('1971-05-31');
    expect(todayIn('Africa/Monrovia', new Date('1971-06-01T00:44:31Z'))).toBe('1971-06-01');
  });

  it('defaults to the current instant', () => {
    const before = new Date().toISOString().slice(0, 10);
    const today = todayIn('UTC');
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(today);
  });

  it('always returns a valid date within a day of the UTC date', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(
          'UTC',
          'Asia/Tokyo',
          'America/Bogota',
          'Europe/Madrid',
          'Pacific/Kiritimati',
          'Pacific/Pago_Pago',
        ),
        (now, zone) => {
          const d = todayIn(zone, now);
          expect(isValidDate(d)).toBe(true);
          expect(Math.abs(daysBetween(now.toISOString().slice(0, 10), d))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('rejects unknown time zones', () => {
    expect(() => todayIn('Mars/Olympus_Mons', instant)).toThrow(RangeError);
  });
});
