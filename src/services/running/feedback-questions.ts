// The questions a feedback giver answers: an overall rating (the one that can feed a metric), the
// focus areas for peers, and two open comments. Customers are not shown the focus areas.
export type FeedbackQuestion = { id: string; kind: 'rating' | 'comment'; text: string; isRequired: boolean };

export const overallQuestionId = 'overall';

export function feedbackQuestions(
  locale: 'en' | 'es',
  kind: 'peer' | 'customer',
  employeeName: string,
  focusAreas: { id: string; title: string }[],
): FeedbackQuestion[] {
  const es = locale === 'es';
  const areas =
    kind === 'peer'
      ? focusAreas.map((a) => ({
          id: `area:${a.id}`,
          kind: 'rating' as const,
          text: es
            ? `${a.title}: ¿cómo valora la evolución reciente de ${employeeName}? (1 = muy mejorable, 5 = excelente)`
            : `${a.title}: how has ${employeeName} done recently? (1 = needs much improvement, 5 = excellent)`,
          isRequired: false,
        }))
      : [];
  return [
    {
      id: overallQuestionId,
      kind: 'rating',
      text: es
        ? `En conjunto, ¿cómo valora su trabajo reciente con ${employeeName}? (1 = muy mejorable, 5 = excelente)`
        : `Overall, how would you rate your recent work with ${employeeName}? (1 = needs much improvement, 5 = excellent)`,
      isRequired: true,
    },
    ...areas,
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
