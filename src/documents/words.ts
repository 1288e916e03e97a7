// The words of Mejora's documents beside the plan's own headings: labels, status and outcome names, check-in
// names, and the locale's formats for dates, numbers, values and money. The plan PDF, the Word document, the
// weekly progress report and the dossier say the same thing in the same words.

import type { CheckInStatus, CheckInType } from '../domain/plan/check-ins.ts';
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import type { HeadingKey, Locale } from '../domain/template/template.ts';
import { headingKeys } from '../domain/template/template.ts';

export type DocumentLocale = Locale;

type Cadence = PlanReadModel['support']['managerCheckIn'];

/** The few words a document needs beyond the plan's headings, and the locale's formats. */
export type DocumentWords = {
  version: string;
  weeks: string;
  days: string;
  dates: string;
  tasks: string;
  none: string;
  met: string;
  inProgress: string;
  outcome: string;
  reason: string;
  decidedBy: string;
  witness: string;
  planStatus: Record<PlanReadModel['status'], string>;
  metricStatus: Record<PlanReadModel['metrics'][number]['status'], string>;
  /** Across every page of a plan not yet approved. */
  draftMark: string;
  /** Who approved, as printed beside the approver's name: "manager", "HR". */
  approverRole: Record<'manager' | 'hr', string>;
  outcomes: Record<NonNullable<PlanReadModel['outcome']>['outcome'], string>;
  signedVersion: (version: number) => string;
  cadence: (cadence: Cadence) => string;
  /** "24 Nov 2026" / "24 nov 2026" from YYYY-MM-DD or an ISO timestamp; "—" when missing. */
  date: (value: string | null) => string;
  dateTime: (value: string) => string;
  number: (value: number) => string;
  /** A metric value with its unit: "55%", "55 %", "3.2/5", "4 errors". */
  value: (value: number, unit: string) => string;
  money: (value: number, currency: string) => string;
};

const months: Record<DocumentLocale, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
};

const baseWords: Record<
  DocumentLocale,
  Omit<DocumentWords, 'cadence' | 'date' | 'dateTime' | 'number' | 'value' | 'money'> & {
    frequency: Record<Cadence['frequency'], string>;
    weekdays: string[];
  }
> = {
  en: {
    version: 'Version',
    weeks: 'weeks',
    days: 'days',
    dates: 'Dates',
    tasks: 'Tasks',
    none: '—',
    met: 'Met',
    inProgress: 'In progress',
    outcome: 'Outcome',
    reason: 'Reason',
    decidedBy: 'Decided by',
    witness: 'Witness',
    planStatus: {
      draft: 'Draft',
      in_review: 'In review',
      awaiting_acknowledgment: 'Awaiting acknowledgment',
      active: 'Active',
      paused: 'Paused',
      closed: 'Closed',
      cancelled: 'Cancelled',
    },
    metricStatus: { onTrack: 'On track', atRisk: 'At risk', offTrack: 'Off track' },
    approverRole: { manager: 'manager', hr: 'HR' },
    draftMark: 'DRAFT',
    outcomes: { successful: 'Completed successfully', unsuccessful: 'Not completed', cancelled: 'Cancelled' },
    signedVersion: (v) => `signed version ${v}; the plan has changed since`,
    frequency: { weekly: 'Weekly', biweekly: 'Bi-weekly' },
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
  es: {
    version: 'Versión',
    weeks: 'semanas',
    days: 'días',
    dates: 'Fechas',
    tasks: 'Tareas',
    none: '—',
    met: 'Alcanzado',
    inProgress: 'En marcha',
    outcome: 'Resultado',
    reason: 'Motivo',
    decidedBy: 'Decidido por',
    witness: 'Testigo',
    planStatus: {
      draft: 'Borrador',
      in_review: 'En revisión',
      awaiting_acknowledgment: 'Pendiente de firma',
      active: 'Activo',
      paused: 'En pausa',
      closed: 'Cerrado',
      cancelled: 'Cancelado',
    },
    metricStatus: { onTrack: 'En buen camino', atRisk: 'En riesgo', offTrack: 'Desviado' },
    approverRole: { manager: 'responsable', hr: 'RR. HH.' },
    draftMark: 'BORRADOR',
    outcomes: { successful: 'Superado', unsuccessful: 'No superado', cancelled: 'Cancelado' },
    signedVersion: (v) => `firmó la versión ${v}; el plan ha cambiado desde entonces`,
    frequency: { weekly: 'Semanal', biweekly: 'Quincenal' },
    weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  },
};

const wordsCache = new Map<DocumentLocale, DocumentWords>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * "Plan Approved By", from the approvals themselves: each approver with their role and date, in the order they
 * approved; the words for "none" until the plan has been approved. Never the manager's name by default.
 */
export function approvedByLine(
  approvals: PlanReadModel['approvals'],
  words: Pick<DocumentWords, 'approverRole' | 'date' | 'none'>,
): string {
  const line = [...approvals]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((a) => `${a.name} (${words.approverRole[a.role]}, ${words.date(a.createdAt.slice(0, 10))})`)
    .join('; ');
  return line || words.none;
}

/** Words and formats of a locale, built once: Intl formatters are costly to create and cheap to reuse. */
export function documentWords(locale: DocumentLocale): DocumentWords {
  const cached = wordsCache.get(locale);
  if (cached) return cached;
  const { frequency, weekdays, ...base } = baseWords[locale];
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const number = (value: number): string => numbers.format(value);
  // Dates are calendar dates: read the digits instead of going through Date and a time zone.
  const date = (value: string | null): string => {
    if (value === null || value === '') return base.none;
    const [y, m, d] = [value.slice(0, 4), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
    return `${d} ${months[locale][m - 1]} ${y}`;
  };
  const words: DocumentWords = {
    ...base,
    cadence: (c) =>
      `${frequency[c.frequency]}, ${weekdays[(c.weekday - 1) % 7]} ${c.time} (${c.durationMinutes} min)`,
    date,
    dateTime: (value) => (value.length > 10 ? `${date(value)}, ${value.slice(11, 16)} UTC` : date(value)),
    number,
    value: (value, unit) => {
      const n = number(value);
      if (unit === '') return n;
      if (unit === '%') return locale === 'es' ? `${n}\u00a0%` : `${n}%`;
      if (unit.startsWith('/')) return `${n}${unit}`;
      return `${n} ${unit}`;
    },
    money: (value, currency) => {
      const key = `${locale}:${currency}`;
      let format = moneyFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        moneyFormats.set(key, format);
      }
      return format.format(value);
    },
  };
  wordsCache.set(locale, words);
  return words;
}

/** What an empty table says instead of a bare header row. */
export const noneRecorded: Record<DocumentLocale, string> = {
  en: 'None recorded.',
  es: 'Ninguno registrado.',
};

/** Every heading the template defines; a plan from an older template falls back to the key. */
export const headingsOf = (plan: Pick<PlanReadModel, 'headings'>): Record<HeadingKey, string> =>
  Object.fromEntries(headingKeys.map((k) => [k, plan.headings[k] ?? k])) as Record<HeadingKey, string>;

/** "Page 2 of 7", as the progress report and the dossier's appendix number their pages. */
export const pageOf: Record<DocumentLocale, (page: number, pages: number) => string> = {
  en: (page, pages) => `Page ${page} of ${pages}`,
  es: (page, pages) => `Página ${page} de ${pages}`,
};

export type { CheckInStatus, CheckInType };

/** Names of check-in types and statuses, in the progress report and the dossier. */
export const checkInWords: Record<
  DocumentLocale,
  { type: Record<CheckInType, string>; status: Record<CheckInStatus, string> }
> = {
  en: {
    type: {
      weekly_checkin: 'Weekly check-in',
      biweekly_assessment: 'Bi-weekly assessment',
      monthly_review: 'Monthly review',
      mentor_session: 'Mentor session',
      final_evaluation: 'Final evaluation',
    },
    status: { scheduled: 'Scheduled', held: 'Held', missed: 'Missed', cancelled: 'Cancelled' },
  },
  es: {
    type: {
      weekly_checkin: 'Reunión semanal',
      biweekly_assessment: 'Evaluación quincenal',
      monthly_review: 'Revisión mensual',
      mentor_session: 'Sesión de mentoría',
      final_evaluation: 'Evaluación final',
    },
    status: { scheduled: 'Prevista', held: 'Celebrada', missed: 'No celebrada', cancelled: 'Cancelada' },
  },
};
