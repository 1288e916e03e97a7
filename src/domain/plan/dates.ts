// Calendar arithmetic on YYYY-MM-DD dates, counted in whole UTC days so no time zone can shift a date.
const dayMs = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or null when the text is not an existing calendar date. */
const parseDay = (s: string): number | null => {
  const match = datePattern.exec(s);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  // Rolled-over dates such as 02-30 come back in another month.
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.getTime() / dayMs;
};

const dayOf = (s: string): number => {
  const day = parseDay(s);
  if (day === null) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return day;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const formatDay = (day: number): string => {
  const d = new Date(day * dayMs);
  const year = d.getUTCFullYear();
  // Outside four-digit years the result could not be read back as YYYY-MM-DD.
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year}`);
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
};

export const isValidDate = (s: string): boolean => typeof s === 'string' && parseDay(s) !== null;

export const addDays = (date: string, n: number): string => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Days must be a whole number: ${n}`);
  return formatDay(dayOf(date) + n);
};

/** b − a in days. */
export const daysBetween = (a: string, b: string): number => dayOf(b) - dayOf(a);

/** -1, 0 or 1, usable as an Array.prototype.sort comparator. */
export const compareDates = (a: string, b: string): -1 | 0 | 1 => {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
};

// Building an Intl.DateTimeFormat costs far more than using one (a plan read spent 0.4 ms here), so one per zone is
// kept (at most one per IANA zone name: an unknown zone throws on construction and is never kept).
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The last date found per zone and the minute it was found for. Every zone's offset has been a whole number of
 * minutes since 1972, so its dates change only on the minute: within one minute the date is the one found for it.
 * A plan read asks for it on every request, and formatting costs more than the rest of the read's own work.
 */
const lastDays = new Map<string, { minute: number; date: string }>();
/** 1980-01-01: offsets of whole minutes everywhere since before then. */
const wholeMinuteOffsetsSince = Date.UTC(1980, 0, 1);

/** The calendar date at `now` on the wall clocks of an IANA time zone. */
export const todayIn = (timeZone: string, now: Date = new Date()): string => {
  const time = now.getTime();
  if (!(time >= wholeMinuteOffsetsSince)) return dateIn(timeZone, now);
  const minute = Math.floor(time / 60_000);
  const last = lastDays.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = dateIn(timeZone, now);
  lastDays.set(timeZone, { minute, date });
  return date;
};

function dateIn(timeZone: string, now: Date): string {
  const parts = dayFormatIn(timeZone).formatToParts(now);
  // Reading the parts, not the formatted string, keeps us independent of the locale's separators.
  const part = (type: 'year' | 'month' | 'day'): string => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${pad(Number(part('year')), 4)}-${part('month')}-${part('day')}`;
  if (!isValidDate(date))
    throw new RangeError(`Cannot express ${now.toISOString()} as a date in ${timeZone}`);
  return date;
}
