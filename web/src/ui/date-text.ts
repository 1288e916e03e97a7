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
