// The questions a feedback giver answers: the ones the requester wrote, or neutral defaults. Nothing here names a
// focus area or an issue of the plan: the giver is an outsider to it.
export type FeedbackQuestion = { id: string; kind: 'rating' | 'comment'; text: string; isRequired: boolean };

/** A question as the requester writes it (API field `questions` of a feedback request). */
export type WrittenQuestion = { kind: 'rating' | 'comment'; text: string; isRequired?: boolean };

/** The overall 1–5 rating: the one answer that can feed a metric. Always asked, first. */
export const overallQuestionId = 'overall';

const scale = {
  en: '(1 = needs much improvement, 5 = excellent)',
  es: '(1 = muy mejorable, 5 = excelente)',
};

/**
 * The questions of one request. `written` are the requester's own (kept with the request); without them, neutral
 * defaults. Focus areas are accepted for callers that still pass them and deliberately ignored.
 */
export function feedbackQuestions(
  locale: 'en' | 'es',
  _kind: 'peer' | 'customer',
  employeeName: string,
  _focusAreas: unknown = [],
  written: readonly WrittenQuestion[] | null = null,
): FeedbackQuestion[] {
  const es = locale === 'es';
  const overall: FeedbackQuestion = {
    id: overallQuestionId,
    kind: 'rating',
    text: es
      ? `En conjunto, ¿cómo valora su trabajo reciente con ${employeeName}? ${scale.es}`
      : `Overall, how would you rate your recent work with ${employeeName}? ${scale.en}`,
    isRequired: true,
  };
  if (written?.length) {
    return [
      overall,
      ...written.map((q, index) => ({
        id: `q${index + 1}`,
        kind: q.kind,
        text: q.text,
        isRequired: q.isRequired ?? false,
      })),
    ];
  }
  return [
    overall,
    {
      id: 'strengths',
      kind: 'comment',
      text: es ? `¿Qué hace bien ${employeeName}?` : `What does ${employeeName} do well?`,
      isRequired: false,
    },
    {
      id: 'improvements',
      kind: 'comment',
      text: es
        ? `¿Qué debería hacer ${employeeName} de otra manera?`
        : `What should ${employeeName} do differently?`,
      isRequired: false,
    },
  ];
}

/**
 * The question an answer was given to, for the people of the plan: answers from before questions were written by
 * the requester may refer to a focus area (`area:<id>`); HR and the manager may read its title.
 */
export function answeredQuestionText(
  questionId: string,
  questions: readonly FeedbackQuestion[],
  focusAreas: readonly { id: string; title: string }[],
): string {
  const asked = questions.find((q) => q.id === questionId);
  if (asked) return asked.text;
  const area = questionId.startsWith('area:') ? focusAreas.find((a) => `area:${a.id}` === questionId) : null;
  return area ? area.title : '—';
}

export function feedbackIntro(
  locale: 'en' | 'es',
  giverName: string,
  employeeName: string,
  organizationName: string,
  isAnonymous: boolean,
) {
  const anonymity =
    locale === 'es'
      ? isAnonymous
        ? `${employeeName} no verá su nombre.`
        : 'Su nombre se muestra junto a sus respuestas.'
      : isAnonymous
        ? `${employeeName} will not see your name.`
        : 'Your name is shown with your answers.';
  return locale === 'es'
    ? `Hola, ${giverName}: ${organizationName} le agradece unos minutos para responder. ${anonymity}`
    : `Hello ${giverName}, ${organizationName} thanks you for a few minutes of your time. ${anonymity}`;
}
