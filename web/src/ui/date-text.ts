// Calendar dates typed by a person: day/month/year in the order the interface shows them, or YYYY-MM-DD.

const isoPattern = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const dayFirstPattern = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` if the numbers name a real calendar day, else null. */
function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Reads `07/12/2026`, `7.12.2026`, `7-12-2026` (day first, as en-GB and Spanish write dates) or `2026-12-07`.
 * Null for anything else, including impossible days (31/02/2026) and years not yet typed in full.
 */
export function parseDateText(text: string): string | null {
  const value = text.trim();
  const iso = value.match(isoPattern);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = value.match(dayFirstPattern);
  if (dayFirst) return isoOf(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return null;
}

/** `2026-12-07` → `07/12/2026`. */
export function formatDateText(iso: string | null | undefined): string {
  const match = iso?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

const timePattern = /^(\d{1,2})[:.h](\d{2})(?::\d{2})?$/;

/**
 * A date and a time as a person types them: `07/12/2026 10:30` or `2026-12-07T10:30`, read as the local
 * `YYYY-MM-DDTHH:mm` a datetime-local input would give. Null when either part is missing or impossible.
 */
export function parseDateTimeText(text: string): string | null {
  const match = text.trim().match(/^(.+?)[ T,]+(\S+)$/);
  if (!match) return null;
  const date = parseDateText(match[1]);
  const time = match[2].match(timePattern);
  if (!date || !time) return null;
  const hours = Number(time[1]);
  const minutes = Number(time[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${date}T${pad(hours)}:${pad(minutes)}`;
}

/** `2026-12-07T10:30` → `07/12/2026 10:30`. */
export function formatDateTimeText(value: string | null | undefined): string {
  const match = value?.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/);
  return match ? `${formatDateText(match[1])} ${match[2]}` : '';
}
