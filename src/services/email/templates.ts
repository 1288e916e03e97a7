// Email texts in English and Spanish (usted), each as a subject, a plain-text body and an HTML body.
import type { CheckInType } from '../../domain/plan/check-ins.ts';

export type EmailLocale = 'en' | 'es';

export type EmailKind =
  | 'plan.sent_for_acknowledgment'
  | 'signature.needed'
  | 'checkin.tomorrow'
  | 'checkin.missed'
  | 'measurement.due'
  | 'feedback.requested'
  | 'adjustment.proposed'
  | 'adjustment.decided'
  | 'plan.closed'
  | 'plan.cancelled'
  | 'risk.flagged'
  | 'weekly.report'
  | 'checkin.invitation'
  | 'checkin.cancelled'
  | 'digest'
  | 'account.invitation'
  | 'account.password_reset'
  | 'plan.manager_changed'
  | 'plan.accommodation_requested';

/** Emails about the person's own account: nothing in them concerns a plan. */
const accountKinds: ReadonlySet<EmailKind> = new Set(['account.invitation', 'account.password_reset']);

/** Reminders and reports a user may turn off; everything else asks them to act or changes their agreement. */
export const nonEssentialKinds: ReadonlySet<EmailKind> = new Set([
  'checkin.tomorrow',
  'checkin.missed',
  'measurement.due',
  'weekly.report',
]);

/** Placeholders resolved when the email is sent, so the outbox never stores a secret or an address that may change. */
export const publicUrlPlaceholder = '{{publicUrl}}';
export const feedbackLinkPlaceholder = (requestId: string) => `{{feedbackLink:${requestId}}}`;
/** The link of an invitation or a password reset; its token is derived from the row id when the email is sent. */
export const oneTimeLinkPlaceholder = (tokenId: string) => `{{oneTimeLink:${tokenId}}}`;

export type EmailParams = {
  recipientName?: string | null;
  employeeName?: string;
  organizationName?: string;
  planId?: string;
  /** A link, usually built from the placeholders above. */
  link?: string;
  checkInType?: CheckInType;
  /** An instant, shown on the organisation's wall clock in the recipient's language. */
  when?: { at: string; timeZone: string };
  metricName?: string;
  by?: string;
  decision?: 'approved' | 'rejected';
  giverName?: string;
  expiresOn?: string;
  /** The new manager of a plan. */
  managerName?: string;
  flags?: string[];
  /** The digest's items: what happened (already in the recipient's language) and where. */
  items?: { label: string; planId: string | null; at: string }[];
  report?: {
    weekStart: string;
    elapsedPercent: number;
    overallProgressPercent: number | null;
    held: number;
    missed: number;
    compliancePercent: number | null;
    areas: { title: string; status: string }[];
    riskFlags: string[];
  };
};

export type RenderedEmail = { subject: string; text: string; html: string };

type Body = { subject: string; lines: string[]; action?: { label: string; url: string } };

const checkInNames: Record<EmailLocale, Record<CheckInType, string>> = {
  en: {
    weekly_checkin: 'weekly check-in',
    biweekly_assessment: 'bi-weekly assessment',
    monthly_review: 'monthly review',
    mentor_session: 'mentor session',
    final_evaluation: 'final evaluation',
  },
  es: {
    weekly_checkin: 'reunión de seguimiento semanal',
    biweekly_assessment: 'evaluación quincenal',
    monthly_review: 'revisión mensual',
    mentor_session: 'sesión de mentoría',
    final_evaluation: 'evaluación final',
  },
};

const statusNames: Record<EmailLocale, Record<string, string>> = {
  en: { onTrack: 'on track', atRisk: 'at risk', offTrack: 'off track', none: 'not yet rated' },
  es: { onTrack: 'en buen camino', atRisk: 'en riesgo', offTrack: 'desviado', none: 'sin valorar' },
};

const riskNames: Record<EmailLocale, Record<string, string>> = {
  en: {
    missed_checkins_in_a_row: 'two check-ins in a row were missed',
    forecast_misses_target: 'a metric’s forecast misses its target',
    overdue_activities: 'development activities are overdue',
    no_recent_measurement: 'no measurement for two weeks',
  },
  es: {
    missed_checkins_in_a_row: 'dos reuniones seguidas no realizadas',
    forecast_misses_target: 'la previsión de una métrica no alcanza su valor objetivo',
    overdue_activities: 'hay actividades de desarrollo vencidas',
    no_recent_measurement: 'dos semanas sin ninguna medición',
  },
};
const risks = (locale: EmailLocale, flags: string[] | undefined) =>
  (flags ?? []).map((f) => riskNames[locale][f] ?? f);

export const checkInName = (locale: EmailLocale, type: CheckInType): string => checkInNames[locale][type];

const fmt = (locale: EmailLocale, when: EmailParams['when']) =>
  when ? formatWhen(when.at, locale, when.timeZone) : '';

const planLink = (p: EmailParams) => p.link ?? `${publicUrlPlaceholder}/plans/${p.planId ?? ''}`;

const english: Record<EmailKind, (p: EmailParams) => Body> = {
  'plan.accommodation_requested': (p) => ({
    subject: `An accommodation request waits: ${p.employeeName}`,
    lines: [
      `An accommodation request was recorded on the Performance Improvement Plan of ${p.employeeName}. The plan is paused until HR resolves it.`,
      'The request is confidential: read it in Mejora.',
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  'plan.sent_for_acknowledgment': (p) => ({
    subject: 'Your Performance Improvement Plan is ready to read and acknowledge',
    lines: [
      'Your Performance Improvement Plan has been approved and sent to you.',
      'Please read it, ask any questions, and acknowledge it or write your response.',
    ],
    action: { label: 'Read the plan', url: planLink(p) },
  }),
  'signature.needed': (p) => ({
    subject: `Signature needed: Performance Improvement Plan of ${p.employeeName}`,
    lines: [`The Performance Improvement Plan of ${p.employeeName} awaits your signature.`],
    action: { label: 'Review and sign', url: planLink(p) },
  }),
  'checkin.tomorrow': (p) => ({
    subject: `Tomorrow: ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} with ${p.employeeName}`,
    lines: [
      `Reminder: the ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} of the Performance Improvement Plan of ${p.employeeName} is on ${fmt('en', p.when)}.`,
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  'checkin.missed': (p) => ({
    subject: `Missed: ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} with ${p.employeeName}`,
    lines: [
      `Nothing was recorded for the ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} of ${fmt('en', p.when)}, so it is now marked as missed.`,
      'If it took place, record it; otherwise schedule a new date.',
    ],
    action: { label: 'Open the check-ins', url: planLink(p) },
  }),
  'measurement.due': (p) => ({
    subject: `Measurement due: ${p.metricName} (${p.employeeName})`,
    lines: [
      `No measurement of “${p.metricName}” has been recorded this week for the plan of ${p.employeeName}.`,
    ],
    action: { label: 'Record a measurement', url: planLink(p) },
  }),
  'feedback.requested': (p) => ({
    subject: `${p.organizationName}: may we have your feedback on ${p.employeeName}?`,
    lines: [
      `${p.organizationName} asks for your feedback on working with ${p.employeeName}. It takes about five minutes and needs no account.`,
      `The link works once and expires on ${p.expiresOn}.`,
    ],
    action: { label: 'Give feedback', url: p.link ?? '' },
  }),
  'adjustment.proposed': (p) => ({
    subject: `Adjustment proposed: Performance Improvement Plan of ${p.employeeName}`,
    lines: [`${p.by} proposed an adjustment to the plan of ${p.employeeName}. HR decides on it.`],
    action: { label: 'Review the adjustment', url: planLink(p) },
  }),
  'adjustment.decided': (p) => ({
    subject: `Adjustment ${p.decision}: Performance Improvement Plan of ${p.employeeName}`,
    lines: [
      `HR ${p.decision} the proposed adjustment to the plan of ${p.employeeName}.`,
      ...(p.decision === 'approved' ? ['The changed plan needs everyone’s signature again.'] : []),
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  'plan.closed': (p) => ({
    subject: `Performance Improvement Plan closed: ${p.employeeName}`,
    lines: [`The Performance Improvement Plan of ${p.employeeName} has been closed. Its record is kept.`],
    action: { label: 'See the outcome', url: planLink(p) },
  }),
  'plan.cancelled': (p) => ({
    subject: `Performance Improvement Plan cancelled: ${p.employeeName}`,
    lines: [`The Performance Improvement Plan of ${p.employeeName} has been cancelled.`],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  'risk.flagged': (p) => ({
    subject: `Risk on the plan of ${p.employeeName}`,
    lines: ['The plan shows a new risk:', ...risks('en', p.flags).map((f) => `• ${f}`)],
    action: { label: 'See the progress', url: planLink(p) },
  }),
  'checkin.invitation': (p) => ({
    subject: `Invitation: ${checkInNames.en[p.checkInType ?? 'weekly_checkin']}, ${fmt('en', p.when)}`,
    lines: [
      `You are invited to the ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} of a Performance Improvement Plan on ${fmt('en', p.when)}.`,
      'Accept it to put it in your calendar; if it moves, a new invitation replaces this one.',
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  'checkin.cancelled': (p) => ({
    subject: `Cancelled: ${checkInNames.en[p.checkInType ?? 'weekly_checkin']}, ${fmt('en', p.when)}`,
    lines: [
      `The ${checkInNames.en[p.checkInType ?? 'weekly_checkin']} of ${fmt('en', p.when)} is cancelled.`,
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
  digest: (p) => ({
    subject: `Your Mejora digest: ${p.items?.length ?? 0} update${p.items?.length === 1 ? '' : 's'}`,
    lines: [
      'What happened since your last digest:',
      ...(p.items ?? []).map(
        (i) => `• ${i.label}${i.planId ? `: ${publicUrlPlaceholder}/plans/${i.planId}` : ''}`,
      ),
    ],
    action: { label: 'Open Mejora', url: `${publicUrlPlaceholder}/` },
  }),
  'weekly.report': (p) => {
    const r = p.report!;
    return {
      subject: `Weekly progress report: ${p.employeeName} (week of ${r.weekStart})`,
      lines: [
        `Time elapsed: ${r.elapsedPercent}%. Overall progress: ${r.overallProgressPercent ?? '—'}%.`,
        `Check-ins held: ${r.held}, missed: ${r.missed}. Held on time: ${r.compliancePercent ?? '—'}%.`,
        ...r.areas.map((a) => `• ${a.title}: ${statusNames.en[a.status] ?? a.status}`),
        r.riskFlags.length ? `Risks: ${risks('en', r.riskFlags).join('; ')}` : 'No risks flagged.',
      ],
      action: { label: 'See the progress', url: planLink(p) },
    };
  },
  'account.invitation': (p) => ({
    subject: `${p.organizationName} invites you to Mejora`,
    lines: [
      `${p.organizationName} uses Mejora for performance improvement plans and invites you to sign in.`,
      `Choose your password with the link below. It works once and expires on ${p.expiresOn}.`,
      'If you did not expect this email, you can ignore it.',
    ],
    action: { label: 'Set your password', url: p.link ?? '' },
  }),
  'account.password_reset': (p) => ({
    subject: 'Reset your Mejora password',
    lines: [
      'Someone asked to reset the password of your Mejora account. If it was you, choose a new password with the link below.',
      'The link works once and expires in one hour. If you did not ask for it, ignore this email: your password stays as it is.',
    ],
    action: { label: 'Set a new password', url: p.link ?? '' },
  }),
  'plan.manager_changed': (p) => ({
    subject: `New manager for the Performance Improvement Plan of ${p.employeeName}`,
    lines: [
      `${p.managerName} is now the manager of the Performance Improvement Plan of ${p.employeeName}.`,
      'The plan, its history and its signatures stay as they were; the change is recorded as an adjustment.',
    ],
    action: { label: 'Open the plan', url: planLink(p) },
  }),
};

const spanish: Record<EmailKind, (p: EmailParams) => Body> = {
  'plan.accommodation_requested': (p) => ({
    subject: `Una solicitud de adaptación espera: ${p.employeeName}`,
    lines: [
      `Se ha registrado una solicitud de adaptación en el Plan de Mejora de Rendimiento de ${p.employeeName}. El plan queda en pausa hasta que RR. HH. la resuelva.`,
      'La solicitud es confidencial: léala en Mejora.',
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  'plan.sent_for_acknowledgment': (p) => ({
    subject: 'Su Plan de Mejora de Rendimiento está listo para su lectura y firma',
    lines: [
      'Su Plan de Mejora de Rendimiento ha sido aprobado y se le ha enviado.',
      'Léalo, plantee las preguntas que tenga y firme el acuse de recibo o escriba su respuesta.',
    ],
    action: { label: 'Leer el plan', url: planLink(p) },
  }),
  'signature.needed': (p) => ({
    subject: `Firma pendiente: Plan de Mejora de Rendimiento de ${p.employeeName}`,
    lines: [`El Plan de Mejora de Rendimiento de ${p.employeeName} está pendiente de su firma.`],
    action: { label: 'Revisar y firmar', url: planLink(p) },
  }),
  'checkin.tomorrow': (p) => ({
    subject: `Mañana: ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} con ${p.employeeName}`,
    lines: [
      `Recordatorio: la ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} del Plan de Mejora de Rendimiento de ${p.employeeName} es el ${fmt('es', p.when)}.`,
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  'checkin.missed': (p) => ({
    subject: `No realizada: ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} con ${p.employeeName}`,
    lines: [
      `No se ha registrado nada de la ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} del ${fmt('es', p.when)}; queda marcada como no realizada.`,
      'Si tuvo lugar, regístrela; si no, fije una nueva fecha.',
    ],
    action: { label: 'Abrir las reuniones', url: planLink(p) },
  }),
  'measurement.due': (p) => ({
    subject: `Medición pendiente: ${p.metricName} (${p.employeeName})`,
    lines: [
      `Esta semana no se ha registrado ninguna medición de «${p.metricName}» en el plan de ${p.employeeName}.`,
    ],
    action: { label: 'Registrar una medición', url: planLink(p) },
  }),
  'feedback.requested': (p) => ({
    subject: `${p.organizationName}: ¿nos da su opinión sobre ${p.employeeName}?`,
    lines: [
      `${p.organizationName} le solicita su retroalimentación sobre su trabajo con ${p.employeeName}. Son unos cinco minutos y no necesita cuenta.`,
      `El enlace sirve una sola vez y caduca el ${p.expiresOn}.`,
    ],
    action: { label: 'Dar mi opinión', url: p.link ?? '' },
  }),
  'adjustment.proposed': (p) => ({
    subject: `Ajuste propuesto: Plan de Mejora de Rendimiento de ${p.employeeName}`,
    lines: [`${p.by} ha propuesto un ajuste del plan de ${p.employeeName}. RR. HH. decidirá sobre él.`],
    action: { label: 'Revisar el ajuste', url: planLink(p) },
  }),
  'adjustment.decided': (p) => ({
    subject: `Ajuste ${p.decision === 'approved' ? 'aprobado' : 'rechazado'}: Plan de Mejora de Rendimiento de ${p.employeeName}`,
    lines: [
      `RR. HH. ha ${p.decision === 'approved' ? 'aprobado' : 'rechazado'} el ajuste propuesto del plan de ${p.employeeName}.`,
      ...(p.decision === 'approved'
        ? ['El plan modificado necesita de nuevo la firma de todas las partes.']
        : []),
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  'plan.closed': (p) => ({
    subject: `Plan de Mejora de Rendimiento cerrado: ${p.employeeName}`,
    lines: [
      `El Plan de Mejora de Rendimiento de ${p.employeeName} se ha cerrado. Su expediente se conserva.`,
    ],
    action: { label: 'Ver el resultado', url: planLink(p) },
  }),
  'plan.cancelled': (p) => ({
    subject: `Plan de Mejora de Rendimiento cancelado: ${p.employeeName}`,
    lines: [`El Plan de Mejora de Rendimiento de ${p.employeeName} se ha cancelado.`],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  'risk.flagged': (p) => ({
    subject: `Riesgo en el plan de ${p.employeeName}`,
    lines: ['El plan muestra un nuevo riesgo:', ...risks('es', p.flags).map((f) => `• ${f}`)],
    action: { label: 'Ver el progreso', url: planLink(p) },
  }),
  'checkin.invitation': (p) => ({
    subject: `Invitación: ${checkInNames.es[p.checkInType ?? 'weekly_checkin']}, ${fmt('es', p.when)}`,
    lines: [
      `Se le invita a la ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} de un Plan de Mejora de Rendimiento el ${fmt('es', p.when)}.`,
      'Acéptela para añadirla a su calendario; si cambia, una nueva invitación sustituirá a esta.',
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  'checkin.cancelled': (p) => ({
    subject: `Cancelada: ${checkInNames.es[p.checkInType ?? 'weekly_checkin']}, ${fmt('es', p.when)}`,
    lines: [
      `La ${checkInNames.es[p.checkInType ?? 'weekly_checkin']} del ${fmt('es', p.when)} se ha cancelado.`,
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
  digest: (p) => ({
    subject: `Su resumen de Mejora: ${p.items?.length ?? 0} novedad${p.items?.length === 1 ? '' : 'es'}`,
    lines: [
      'Novedades desde su último resumen:',
      ...(p.items ?? []).map(
        (i) => `• ${i.label}${i.planId ? `: ${publicUrlPlaceholder}/plans/${i.planId}` : ''}`,
      ),
    ],
    action: { label: 'Abrir Mejora', url: `${publicUrlPlaceholder}/` },
  }),
  'weekly.report': (p) => {
    const r = p.report!;
    return {
      subject: `Informe semanal de progreso: ${p.employeeName} (semana del ${r.weekStart})`,
      lines: [
        `Tiempo transcurrido: ${r.elapsedPercent} %. Progreso global: ${r.overallProgressPercent ?? '—'} %.`,
        `Reuniones realizadas: ${r.held}; no realizadas: ${r.missed}. Realizadas a tiempo: ${r.compliancePercent ?? '—'} %.`,
        ...r.areas.map((a) => `• ${a.title}: ${statusNames.es[a.status] ?? a.status}`),
        r.riskFlags.length ? `Riesgos: ${risks('es', r.riskFlags).join('; ')}` : 'Sin riesgos señalados.',
      ],
      action: { label: 'Ver el progreso', url: planLink(p) },
    };
  },
  'account.invitation': (p) => ({
    subject: `${p.organizationName} le invita a Mejora`,
    lines: [
      `${p.organizationName} utiliza Mejora para los planes de mejora de rendimiento y le invita a acceder.`,
      `Elija su contraseña con el enlace siguiente. Solo puede usarse una vez y caduca el ${p.expiresOn}.`,
      'Si no esperaba este correo, puede ignorarlo.',
    ],
    action: { label: 'Establecer su contraseña', url: p.link ?? '' },
  }),
  'account.password_reset': (p) => ({
    subject: 'Restablecer su contraseña de Mejora',
    lines: [
      'Se ha solicitado restablecer la contraseña de su cuenta de Mejora. Si fue usted, elija una nueva contraseña con el enlace siguiente.',
      'El enlace solo puede usarse una vez y caduca en una hora. Si no lo solicitó, ignore este correo: su contraseña no cambia.',
    ],
    action: { label: 'Establecer una nueva contraseña', url: p.link ?? '' },
  }),
  'plan.manager_changed': (p) => ({
    subject: `Nuevo responsable del Plan de Mejora de Rendimiento de ${p.employeeName}`,
    lines: [
      `${p.managerName} es ahora responsable del Plan de Mejora de Rendimiento de ${p.employeeName}.`,
      'El plan, su historial y sus firmas no cambian; el cambio queda registrado como un ajuste.',
    ],
    action: { label: 'Abrir el plan', url: planLink(p) },
  }),
};

const footers: Record<
  EmailLocale,
  { greeting: (name?: string | null) => string; confidential: string; optOut: string }
> = {
  en: {
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    confidential:
      'Confidential: this message concerns a Performance Improvement Plan. Please do not forward it.',
    optOut: 'You can turn off reminder and report emails in your Mejora profile.',
  },
  es: {
    greeting: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
    confidential:
      'Confidencial: este mensaje se refiere a un Plan de Mejora de Rendimiento. Le rogamos que no lo reenvíe.',
    optOut: 'Puede desactivar los recordatorios e informes por correo en su perfil de Mejora.',
  },
};

const escapeHtml = (s: string): string =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function renderEmail(kind: EmailKind, locale: EmailLocale, params: EmailParams): RenderedEmail {
  const body = (locale === 'es' ? spanish : english)[kind](params);
  const footer = footers[locale];
  const isToOutsider = kind === 'feedback.requested';
  const closing = accountKinds.has(kind)
    ? []
    : [footer.confidential, ...(nonEssentialKinds.has(kind) ? [footer.optOut] : [])];
  const text = [
    footer.greeting(params.recipientName),
    '',
    ...body.lines,
    ...(body.action ? ['', `${body.action.label}: ${body.action.url}`] : []),
    '',
    '—',
    ...(isToOutsider ? [] : closing),
    'Mejora',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1a1a1a">',
    `<p>${escapeHtml(footer.greeting(params.recipientName))}</p>`,
    ...body.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    body.action
      ? `<p><a href="${escapeHtml(body.action.url)}" style="background:#1c4f9c;color:#fff;padding:8px 14px;border-radius:4px;text-decoration:none">${escapeHtml(body.action.label)}</a></p>`
      : '',
    '<hr>',
    ...(isToOutsider ? [] : closing).map((l) => `<p style="font-size:12px;color:#555">${escapeHtml(l)}</p>`),
    '<p style="font-size:12px;color:#555">Mejora</p>',
    '</body></html>',
  ].join('\n');
  return { subject: body.subject, text, html };
}

/** A local date and time as the recipient reads it. */
export function formatWhen(instant: string, locale: EmailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

export function formatDay(date: string, locale: EmailLocale): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T00:00:00Z`));
}
