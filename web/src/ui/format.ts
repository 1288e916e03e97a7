// Localised dates, numbers and money through Intl, in the interface language.
import { currentLanguage } from '../i18n/index.ts';

const locale = () => (currentLanguage() === 'es' ? 'es-ES' : 'en-GB');
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Accepts YYYY-MM-DD, ISO timestamps and PostgreSQL's `2026-01-05 10:00:00.1+00`. */
export function parseInstant(value: string): Date {
  if (datePattern.test(value)) return new Date(`${value}T00:00:00Z`);
  const iso = value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  return new Date(iso);
}

/** A calendar date (no time zone shift): 5 Jan 2026 / 5 ene 2026. */
export function formatDate(
  value: string | null | undefined,
  style: 'medium' | 'long' | 'short' = 'medium',
): string {
  if (!value) return '—';
  const date = parseInstant(value);
  if (Number.isNaN(date.getTime())) return value;
  const isDateOnly = datePattern.test(value);
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: style,
    timeZone: isDateOnly ? 'UTC' : undefined,
  }).format(date);
}

/** A chart axis tick for a moment in time (ms): day and short month in the interface language, 7 Dec / 7 dic. */
export function formatAxisDate(value: unknown): string {
  const time = typeof value === 'number' ? value : Number(value);
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = parseInstant(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(value: number | null | undefined, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits }).format(value);
}

export function formatPercent(fraction: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(value);
  } catch {
    return `${formatNumber(value)} ${currency}`;
  }
}

/** "in 3 days" / "hace 2 días", relative to today. */
export function formatRelativeDays(value: string): string {
  const days = daysFromToday(value);
  return new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(days, 'day');
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function daysFromToday(value: string): number {
  const day = parseInstant(value.slice(0, 10)).getTime();
  const today = parseInstant(todayIso()).getTime();
  return Math.round((day - today) / 86_400_000);
}

export function addDaysIso(value: string, days: number): string {
  const date = parseInstant(value);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) as a localised name. */
export function weekdayName(weekday: number): string {
  const date = new Date(Date.UTC(2024, 0, weekday)); // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' }).format(date);
}
