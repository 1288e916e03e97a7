// One line per kind of event, in English and Spanish, that says what happened and names nobody: used where plan
// content must not travel (Slack, Teams) and in the digest.
export type LabelLocale = 'en' | 'es';

const labels: Record<string, Record<LabelLocale, string>> = {
  'plan.submitted': { en: 'A plan was submitted for review', es: 'Se ha enviado un plan a revisión' },
  'plan.approved': { en: 'A plan was approved', es: 'Se ha aprobado un plan' },
  'plan.rejected': { en: 'A plan was returned for changes', es: 'Se ha devuelto un plan para cambios' },
  'plan.sent_for_acknowledgment': {
    en: 'A plan is ready for you to read and sign',
    es: 'Hay un plan listo para su lectura y firma',
  },
  'signature.needed': { en: 'A signature is waiting for you', es: 'Hay una firma pendiente de usted' },
  'plan.signed': { en: 'A plan was signed', es: 'Se ha firmado un plan' },
  'plan.refused': { en: 'A refusal to sign was recorded', es: 'Se ha registrado una negativa a firmar' },
  'plan.activated': { en: 'A plan is now active', es: 'Un plan está ahora activo' },
  'plan.paused': { en: 'A plan was paused', es: 'Se ha pausado un plan' },
  'plan.resumed': { en: 'A plan was resumed', es: 'Se ha reanudado un plan' },
  'plan.closed': { en: 'A plan was closed', es: 'Se ha cerrado un plan' },
  'plan.cancelled': { en: 'A plan was cancelled', es: 'Se ha cancelado un plan' },
  'adjustment.proposed': {
    en: 'An adjustment was proposed and waits for a decision',
    es: 'Se ha propuesto un ajuste pendiente de decisión',
  },
  'adjustment.decided': { en: 'An adjustment was decided', es: 'Se ha decidido sobre un ajuste' },
  'comment.added': { en: 'A new comment was added', es: 'Se ha añadido un comentario' },
  'checkin.tomorrow': { en: 'A check-in is tomorrow', es: 'Mañana hay una reunión de seguimiento' },
  'checkin.missed': {
    en: 'A check-in was marked as missed',
    es: 'Una reunión de seguimiento quedó como no realizada',
  },
  'measurement.due': { en: 'A measurement is due', es: 'Hay una medición pendiente' },
  'risk.flagged': { en: 'A plan shows a new risk', es: 'Un plan muestra un nuevo riesgo' },
  'weekly.report': {
    en: 'A weekly progress report is ready',
    es: 'Hay un informe semanal de progreso disponible',
  },
  'plan.outcome_recommended': {
    en: 'An outcome was recommended and waits for HR',
    es: 'Se ha recomendado un resultado pendiente de RR. HH.',
  },
  'plan.accommodation_requested': {
    en: 'An accommodation request waits for a decision',
    es: 'Una solicitud de adaptación espera una decisión',
  },
  'plan.response_added': {
    en: 'The employee added a written response',
    es: 'El empleado ha añadido una respuesta por escrito',
  },
  'plan.employee_left': {
    en: 'The employee of a plan has left',
    es: 'El empleado de un plan ha dejado la empresa',
  },
  'plan.manager_left': {
    en: 'The manager of a plan has left: the plan needs a new manager',
    es: 'El responsable de un plan ha dejado la empresa: el plan necesita un nuevo responsable',
  },
  'plan.manager_changed': { en: 'A plan has a new manager', es: 'Un plan tiene un nuevo responsable' },
  'appeal.lodged': { en: 'An outcome was appealed', es: 'Se ha recurrido un resultado' },
  'appeal.decided': { en: 'An appeal was decided', es: 'Se ha resuelto un recurso' },
  'feedback.received': { en: 'Feedback arrived for a plan', es: 'Ha llegado retroalimentación para un plan' },
  'outcome.recommended': {
    en: 'An outcome was recommended and waits for HR',
    es: 'Se ha recomendado un resultado pendiente de RR. HH.',
  },
};

export function eventLabel(kind: string, locale: LabelLocale): string {
  return labels[kind]?.[locale] ?? (locale === 'es' ? 'Hay novedades en Mejora' : 'There is news in Mejora');
}

export const openLabel: Record<LabelLocale, string> = { en: 'Open in Mejora', es: 'Abrir en Mejora' };
export const confidentialLine: Record<LabelLocale, string> = {
  en: 'Confidential: the details are in Mejora only.',
  es: 'Confidencial: los detalles están solo en Mejora.',
};
