// The readiness warnings HR accepted before the plan was sent, read from the plan's audit chain: each acceptance is
// an event there (the warning's code and HR's written reason in its digest, the person and the time), so what the
// dossier prints can be checked against the chain like every other event.
import type { Locale } from '../domain/template/template.ts';

export const readinessAcceptedAction = 'plan.readiness_warning_accepted';

export type AcceptedWarning = {
  code: string;
  reason: string;
  acceptedByName: string | null;
  at: string;
  /** The accepting event's hash: the reference to verify it by. */
  hash: string;
};

type Event = {
  action: string;
  at: string;
  hash: string;
  actorName: string | null;
  digest: Record<string, unknown> | null;
};

/** Every acceptance in the chain, in the order it was made. */
export function acceptedWarnings(events: readonly Event[]): AcceptedWarning[] {
  return events
    .filter((e) => e.action === readinessAcceptedAction)
    .map((e) => ({
      code: typeof e.digest?.code === 'string' ? e.digest.code : '',
      reason: typeof e.digest?.reason === 'string' ? e.digest.reason : '',
      acceptedByName: e.actorName,
      at: e.at,
      hash: e.hash,
    }));
}

/** The warnings the readiness check can raise (errors are never accepted), named as a reader says them. */
const warningNames: Record<Locale, Record<string, string>> = {
  en: {
    'goal.no_change': 'A metric’s target equals its baseline',
    'length.shorter_than_usual': 'The plan is shorter than usual for the role',
    'wording.vague_judgment': 'Wording: a vague judgement',
    'wording.personal_trait': 'Wording: a personal trait rather than conduct',
    'wording.protected_characteristic': 'Wording: a protected characteristic',
    'wording.absolute': 'Wording: an absolute (“always”, “never”)',
    'wording.contradictory_demand': 'Wording: two demands that contradict each other',
  },
  es: {
    'goal.no_change': 'El objetivo de un indicador es igual a su valor inicial',
    'length.shorter_than_usual': 'El plan es más corto de lo habitual para el puesto',
    'wording.vague_judgment': 'Redacción: un juicio vago',
    'wording.personal_trait': 'Redacción: un rasgo personal en lugar de una conducta',
    'wording.protected_characteristic': 'Redacción: una característica protegida',
    'wording.absolute': 'Redacción: un absoluto («siempre», «nunca»)',
    'wording.contradictory_demand': 'Redacción: dos exigencias que se contradicen',
  },
};

/** The warning in words; a code this list does not know yet, with its dots and underscores as spaces. */
export const warningName = (code: string, locale: Locale): string =>
  warningNames[locale][code] ?? code.replace(/[._]/g, ' ');
