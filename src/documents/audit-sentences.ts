// The audit trail as a case file reads it: each event one sentence in the document's language, naming who acted
// (a person, or the job that acted for the system), and what changed, never the raw event code.
import { defaultTemplate } from '../domain/template/default-templates.ts';
import type { Locale } from '../domain/template/template.ts';
import { warningName } from './readiness-acceptances.ts';
import { documentWords } from './words.ts';

export type AuditEventFacts = {
  action: string;
  actorName: string | null;
  actorUserId: string | null;
  entityType: string;
  digest: Record<string, unknown> | null;
};

export type AdjustmentFacts = {
  kind: 'minor' | 'major' | 'pause';
  reason: string;
  summary: unknown[];
  toVersion: number | null;
};

/** The jobs that act without a person, by the events they write. */
const jobs: Record<Locale, Record<string, string>> = {
  en: {
    'check_ins.scheduled': 'The check-in scheduler',
    'check_in.missed': 'The check-in monitor',
    'risk.flagged': 'The risk monitor',
    'progress_report.produced': 'The weekly progress report job',
    'plan.anonymised': 'The retention job',
    default: 'The system',
  },
  es: {
    'check_ins.scheduled': 'El programador de reuniones',
    'check_in.missed': 'El control de reuniones',
    'risk.flagged': 'El control de riesgos',
    'progress_report.produced': 'El informe semanal de progreso',
    'plan.anonymised': 'La tarea de conservación de datos',
    default: 'El sistema',
  },
};

const roles: Record<Locale, Record<string, string>> = {
  en: { employee: 'the employee', manager: 'the manager', hr: 'HR' },
  es: { employee: 'empleado/a', manager: 'responsable', hr: 'RR. HH.' },
};

const pathNames: Record<Locale, Record<string, string>> = {
  en: {
    endDate: 'the end date',
    startDate: 'the start date',
    hrRep: 'the HR representative',
    mentor: 'the mentor',
  },
  es: {
    endDate: 'la fecha de fin',
    startDate: 'la fecha de inicio',
    hrRep: 'el representante de RR. HH.',
    mentor: 'el mentor',
  },
};

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v);

/** A changed field by its label in the template ("Availability", "Goal"), else its name in words. */
function fieldName(path: string, locale: Locale): string {
  const last =
    path
      .replace(/\[[^\]]*\]/g, '')
      .split('.')
      .pop() ?? path;
  const headings = defaultTemplate(locale).headings as Record<string, string>;
  const known = pathNames[locale][last];
  if (known) return known;
  if (headings[last]) return headings[last].toLowerCase();
  return last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

const fieldList = (paths: unknown, locale: Locale): string => {
  if (!Array.isArray(paths)) return '';
  const names = [
    ...new Set(paths.filter((p): p is string => typeof p === 'string').map((p) => fieldName(p, locale))),
  ];
  return names.join(', ');
};

/** One change of an adjustment as words: "the end date from 27 Jan 2027 to 3 Feb 2027". */
export function changeSentence(item: unknown, locale: Locale): string {
  const f = documentWords(locale);
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object' && 'path' in item) {
    const change = item as { path: string; before: unknown; after: unknown };
    const show = (v: unknown): string =>
      v === null || v === undefined || v === ''
        ? f.none
        : isDate(v)
          ? f.date(v)
          : typeof v === 'string'
            ? v
            : typeof v === 'number'
              ? f.number(v)
              : JSON.stringify(v);
    const name = fieldName(change.path, locale);
    return locale === 'es'
      ? `${name} de ${show(change.before)} a ${show(change.after)}`
      : `${name} from ${show(change.before)} to ${show(change.after)}`;
  }
  return JSON.stringify(item);
}

/** The event as one sentence; `adjustments` give an approved adjustment its changes and reason. */
export function eventSentence(
  e: AuditEventFacts,
  locale: Locale,
  adjustments: AdjustmentFacts[] = [],
): string {
  const es = locale === 'es';
  const d = e.digest ?? {};
  const who =
    e.actorName ?? (e.actorUserId === null ? (jobs[locale][e.action] ?? jobs[locale].default) : '—');
  const fields = fieldList(d.changed, locale);
  const n = (v: unknown): number => (typeof v === 'number' ? v : 0);
  const role = typeof d.role === 'string' ? (roles[locale][d.role] ?? d.role) : '';
  const adjustment = adjustments.find((a) => a.toVersion !== null && a.toVersion === d.version);
  const sentences: Record<string, [string, string]> = {
    'plan.created': [`${who} created the plan`, `${who} creó el plan`],
    'plan.updated': [
      `${who} edited the plan${fields ? `: ${fields}` : ''}`,
      `${who} modificó el plan${fields ? `: ${fields}` : ''}`,
    ],
    'plan.update': [`${who} edited the plan`, `${who} modificó el plan`],
    'plan.update_activity': [`${who} updated an activity`, `${who} actualizó una actividad`],
    'plan.record_progress': [`${who} recorded progress`, `${who} registró un avance`],
    'focus_area.updated': [
      `${who} edited a focus area${fields ? `: ${fields}` : ''}`,
      `${who} modificó un área de mejora${fields ? `: ${fields}` : ''}`,
    ],
    'focus_area.added': [`${who} added a focus area`, `${who} añadió un área de mejora`],
    'focus_area.removed': [`${who} removed a focus area`, `${who} quitó un área de mejora`],
    'metric.added': [`${who} added a metric`, `${who} añadió un indicador`],
    'metric.updated': [`${who} edited a metric`, `${who} modificó un indicador`],
    'metric.removed': [`${who} removed a metric`, `${who} quitó un indicador`],
    'measurement.added': [`${who} recorded a measurement`, `${who} registró una medición`],
    'plan.viewed': [`${who} viewed the plan`, `${who} consultó el plan`],
    'plan.development_viewed': [
      `${who} viewed the development plan`,
      `${who} consultó el plan de desarrollo`,
    ],
    'plan.submitted': [`${who} submitted the plan for approval`, `${who} envió el plan a aprobación`],
    'plan.approved': [`${who} approved the plan`, `${who} aprobó el plan`],
    'plan.rejected': [`${who} sent the plan back for changes`, `${who} devolvió el plan para cambios`],
    'plan.paused': [`${who} paused the plan`, `${who} pausó el plan`],
    'plan.resumed': [`${who} resumed the plan`, `${who} reanudó el plan`],
    'plan.cancelled': [`${who} cancelled the plan`, `${who} canceló el plan`],
    'plan.closed': [`${who} closed the plan`, `${who} cerró el plan`],
    'plan.recommended an outcome for': [
      `${who} recommended an outcome for the plan`,
      `${who} recomendó un resultado para el plan`,
    ],
    'plan.signed': [
      d.refused
        ? `${who} refused to sign the plan`
        : `${who} signed the plan as ${role}${d.version ? ` (version ${d.version})` : ''}`,
      d.refused
        ? `${who} se negó a firmar el plan`
        : `${who} firmó el plan como ${role}${d.version ? ` (versión ${d.version})` : ''}`,
    ],
    'plan.refused': [`${who} refused to sign the plan`, `${who} se negó a firmar el plan`],
    'plan.witnessed': [`${who} witnessed the refusal to sign`, `${who} fue testigo de la negativa a firmar`],
    'check_ins.scheduled': [
      `${who} scheduled ${n(d.added)} check-ins${n(d.removed) ? ` and removed ${n(d.removed)}` : ''}`,
      `${who} programó ${n(d.added)} reuniones de seguimiento${n(d.removed) ? ` y quitó ${n(d.removed)}` : ''}`,
    ],
    'check_in.added': [`${who} added a check-in`, `${who} añadió una reunión de seguimiento`],
    'check_in.held': [`${who} recorded a held check-in`, `${who} registró una reunión de seguimiento`],
    'check_in.missed': [`${who} marked a check-in as missed`, `${who} marcó una reunión como no celebrada`],
    'check_ins.viewed': [`${who} viewed the check-ins`, `${who} consultó las reuniones de seguimiento`],
    'feedback.requested': [`${who} requested feedback`, `${who} solicitó una valoración`],
    'feedback.received': [`Feedback was received`, `Se recibió una valoración`],
    'feedback.viewed': [`${who} read the feedback`, `${who} consultó las valoraciones`],
    'plan.response_added': [
      `${who} wrote a response for the record`,
      `${who} escribió una respuesta para el expediente`,
    ],
    'plan.readiness_warning_accepted': [
      `${who} accepted the readiness warning “${warningName(String(d.code ?? ''), 'en')}” — reason: ${String(d.reason ?? '—')}`,
      `${who} aceptó la advertencia de la comprobación previa «${warningName(String(d.code ?? ''), 'es')}» — motivo: ${String(d.reason ?? '—')}`,
    ],
    'plan.comment_added': [`${who} commented on the plan`, `${who} comentó el plan`],
    'plan.document_downloaded': [
      `${who} downloaded the plan as ${String(d.format ?? '').toUpperCase()}${d.locale ? ` (${d.locale === 'es' ? 'Spanish' : 'English'})` : ''}`,
      `${who} descargó el plan en ${String(d.format ?? '').toUpperCase()}${d.locale ? ` (${d.locale === 'es' ? 'español' : 'inglés'})` : ''}`,
    ],
    'plan.document_exported': [`${who} exported the plan`, `${who} exportó el plan`],
    'plan.progress_report_downloaded': [
      `${who} downloaded the progress report${isDate(d.weekStart) ? ` for the week of ${documentWords('en').date(d.weekStart)}` : ''}`,
      `${who} descargó el informe de progreso${isDate(d.weekStart) ? ` de la semana del ${documentWords('es').date(d.weekStart)}` : ''}`,
    ],
    'progress_report.produced': [
      `${who} produced the weekly progress report`,
      `${who} generó el informe semanal de progreso`,
    ],
    'progress.viewed': [`${who} viewed the progress`, `${who} consultó el progreso`],
    'progress_reports.viewed': [
      `${who} viewed the progress reports`,
      `${who} consultó los informes de progreso`,
    ],
    'risk.flagged': [`${who} flagged a risk`, `${who} señaló un riesgo`],
    'plan.dossier_downloaded': [`${who} downloaded the dossier`, `${who} descargó el expediente`],
    'plan.anonymised': [`${who} anonymised the plan`, `${who} anonimizó el plan`],
    'adjustment.proposed': [
      `${who} proposed a change${fields || fieldList(d.paths, locale) ? `: ${fieldList(d.paths, locale)}` : ''}`,
      `${who} propuso un cambio${fieldList(d.paths, locale) ? `: ${fieldList(d.paths, locale)}` : ''}`,
    ],
    'adjustment.rejected': [`${who} rejected a proposed change`, `${who} rechazó un cambio propuesto`],
    'adjustment.approved': adjustment
      ? [
          `${who} changed ${adjustment.summary.map((s) => changeSentence(s, 'en')).join('; ') || 'the plan'} — reason: ${adjustment.reason}`,
          `${who} cambió ${adjustment.summary.map((s) => changeSentence(s, 'es')).join('; ') || 'el plan'} — motivo: ${adjustment.reason}`,
        ]
      : [`${who} approved a change to the plan`, `${who} aprobó un cambio del plan`],
  };
  const known = sentences[e.action];
  if (known) return known[es ? 1 : 0];
  // An event this list does not know yet: its code in words, never the code itself.
  const [entity, verb] = e.action.split('.');
  const words = `${(entity ?? '').replace(/_/g, ' ')} ${(verb ?? '').replace(/_/g, ' ')}`.trim();
  return `${who}: ${words}`;
}
