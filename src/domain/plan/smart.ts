// The SMART check of a focus area's goal: findings shown while editing, each naming the problem and the fix.
import type { FocusAreaTemplate, Locale } from '../template/template.ts';
import { compareDates, daysBetween, isValidDate } from './dates.ts';
import type { Direction, MetricEvaluation } from './metrics.ts';

export type SmartCriterion = 'specific' | 'measurable' | 'achievable' | 'relevant' | 'timeBound';
export type SmartFinding = { criterion: SmartCriterion; severity: 'error' | 'warning'; message: string };

export type SmartArea = {
  title: string;
  issue: string;
  goal: string;
  measurement: string;
  deadline: string | null;
  successCriteria: string;
};

export type SmartContext = {
  /** The area's template prompts; pass the template of every language so a prompt left in either counts. */
  prompts?: FocusAreaTemplate | readonly FocusAreaTemplate[];
  metrics: { evaluation: MetricEvaluation; direction: Direction; baseline: number; target: number }[];
  startDate: string;
  endDate: string;
  locale: Locale;
};

/** A goal shorter than this, with no figure in it, rarely says what result is expected. */
const minGoalWords = 6;
/** Below this plan length a target further from the baseline than the baseline itself is doubtful. */
const shortPlanDays = 8 * 7;

const daysInclusive = (start: string, end: string): number => daysBetween(start, end) + 1;

/** Lower-cased, accents removed: "Más" and "mas" are one word to a reader typing fast. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const words = (s: string): string[] => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Wording that promises effort or direction without a result; stored folded. */
const vagueWords = new Set(
  [
    'improve',
    'improved',
    'improvement',
    'improving',
    'better',
    'best',
    'more',
    'try',
    'trying',
    'good',
    'well',
    'enhance',
    'enhanced',
    'effort',
    'mejorar',
    'mejore',
    'mejora',
    'mejoras',
    'mejor',
    'mejores',
    'más',
    'intentar',
    'intente',
    'bueno',
    'buena',
    'buenos',
    'buenas',
    'bien',
    'esfuerzo',
    'esforzarse',
  ].map(fold),
);

/** Common words of four letters or more that carry no subject; stored folded. */
const stopWords = new Set(
  [
    'about',
    'after',
    'also',
    'been',
    'before',
    'being',
    'both',
    'could',
    'does',
    'during',
    'each',
    'employee',
    'from',
    'have',
    'into',
    'make',
    'made',
    'more',
    'most',
    'must',
    'only',
    'other',
    'over',
    'same',
    'should',
    'some',
    'such',
    'than',
    'that',
    'their',
    'them',
    'then',
    'there',
    'these',
    'they',
    'this',
    'those',
    'through',
    'under',
    'very',
    'what',
    'when',
    'where',
    'which',
    'while',
    'will',
    'with',
    'within',
    'without',
    'would',
    'your',
    'ante',
    'antes',
    'cada',
    'como',
    'cuando',
    'desde',
    'después',
    'donde',
    'durante',
    'ellas',
    'ellos',
    'empleado',
    'empleada',
    'entre',
    'esta',
    'estas',
    'este',
    'esto',
    'estos',
    'hacer',
    'hasta',
    'mediante',
    'menos',
    'mismo',
    'misma',
    'nuestra',
    'nuestro',
    'otra',
    'otras',
    'otro',
    'otros',
    'para',
    'pero',
    'porque',
    'puede',
    'según',
    'sobre',
    'también',
    'tiene',
    'toda',
    'todas',
    'todo',
    'todos',
    'debe',
    'deben',
  ].map(fold),
);

const significantWords = (s: string): string[] =>
  words(s).filter((w) => w.length >= 4 && !stopWords.has(w) && !vagueWords.has(w) && !/^\p{N}+$/u.test(w));

/** Crude stemming that stays explainable: one word starts with the other, or both share five letters. */
const related = (a: string, b: string): boolean =>
  a.startsWith(b) || b.startsWith(a) || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5));

const sameText = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

type Messages = {
  noMetric: string;
  measurementEmpty: string;
  measurementPrompt: string;
  successCriteriaEmpty: string;
  successCriteriaPrompt: string;
  noDeadline: string;
  invalidDeadline: (deadline: string) => string;
  deadlineBeforeStart: (deadline: string, start: string) => string;
  deadlineAfterEnd: (deadline: string, end: string) => string;
  goalEmpty: string;
  goalPrompt: string;
  goalShort: string;
  goalVague: (word: string) => string;
  issueEmpty: string;
  issuePrompt: string;
  unrelated: string;
  forecastMisses: (value: string, date: string, target: string) => string;
  steepTarget: (baseline: string, target: string) => string;
};

const messages: Record<Locale, Messages> = {
  en: {
    noMetric: 'Link at least one metric to this goal so progress can be measured.',
    measurementEmpty:
      'Describe how progress on this goal will be measured: the method or the source of the figures.',
    measurementPrompt:
      'The measurement still shows the template prompt; replace it with how progress on this goal will be measured.',
    successCriteriaEmpty: 'Define the success criteria: what will show that this goal has been met.',
    successCriteriaPrompt:
      'The success criteria still show the template prompt; replace them with what will show that this goal has been met.',
    noDeadline: 'Set a deadline for this goal within the plan dates.',
    invalidDeadline: (d) =>
      `The deadline "${d}" is not a valid date; enter it as YYYY-MM-DD within the plan dates.`,
    deadlineBeforeStart: (d, s) =>
      `The deadline (${d}) is before the plan starts (${s}); move it within the plan dates.`,
    deadlineAfterEnd: (d, e) =>
      `The deadline (${d}) is after the plan ends (${e}); move it within the plan dates or extend the plan.`,
    goalEmpty: 'Write the goal: the concrete result expected by the deadline.',
    goalPrompt: 'The goal still shows the template prompt; replace it with the concrete result expected.',
    goalShort:
      'The goal is brief and contains no figure; state what will be achieved, to what level and by when.',
    goalVague: (w) =>
      `The goal relies on general wording ("${w}") and contains no figure; state the concrete result expected, with a number to reach.`,
    issueEmpty: 'Describe the performance issue this goal addresses.',
    issuePrompt:
      'The issue still shows the template prompt; describe the actual performance issue this goal addresses.',
    unrelated:
      'The goal and the issue share no key words; check that the goal addresses the issue described, or reword one of them.',
    forecastMisses: (v, d, t) =>
      `At the current trend a linked metric is forecast to reach ${v} by ${d}, short of its target of ${t}; review the support offered or the target.`,
    steepTarget: (b, t) =>
      `The target (from ${b} to ${t}) asks for a change larger than the starting value itself in a plan shorter than 8 weeks; confirm it is realistic or lengthen the plan.`,
  },
  es: {
    noMetric: 'Vincule al menos una métrica a este objetivo para poder medir el progreso.',
    measurementEmpty:
      'Describa cómo se medirá el progreso de este objetivo: el método o la fuente de los datos.',
    measurementPrompt:
      'La medición todavía muestra el texto de ejemplo de la plantilla; sustitúyalo por la forma en que se medirá el progreso de este objetivo.',
    successCriteriaEmpty: 'Defina los criterios de éxito: qué demostrará que se ha cumplido este objetivo.',
    successCriteriaPrompt:
      'Los criterios de éxito todavía muestran el texto de ejemplo de la plantilla; sustitúyalos por lo que demostrará que se ha cumplido este objetivo.',
    noDeadline: 'Fije una fecha límite para este objetivo dentro de las fechas del plan.',
    invalidDeadline: (d) =>
      `La fecha límite "${d}" no es una fecha válida; introdúzcala con el formato AAAA-MM-DD dentro de las fechas del plan.`,
    deadlineBeforeStart: (d, s) =>
      `La fecha límite (${d}) es anterior al inicio del plan (${s}); muévala dentro de las fechas del plan.`,
    deadlineAfterEnd: (d, e) =>
      `La fecha límite (${d}) es posterior al fin del plan (${e}); muévala dentro de las fechas del plan o amplíe el plan.`,
    goalEmpty: 'Redacte el objetivo: el resultado concreto que se espera alcanzar en la fecha límite.',
    goalPrompt:
      'El objetivo todavía muestra el texto de ejemplo de la plantilla; sustitúyalo por el resultado concreto esperado.',
    goalShort:
      'El objetivo es breve y no incluye ninguna cifra; indique qué se logrará, en qué medida y para cuándo.',
    goalVague: (w) =>
      `El objetivo se apoya en términos generales ("${w}") y no incluye ninguna cifra; indique el resultado concreto esperado, con un valor que alcanzar.`,
    issueEmpty: 'Describa el problema de desempeño que aborda este objetivo.',
    issuePrompt:
      'La descripción del problema todavía muestra el texto de ejemplo de la plantilla; describa el problema de desempeño real que aborda este objetivo.',
    unrelated:
      'El objetivo y el problema no comparten ninguna palabra clave; compruebe que el objetivo aborda el problema descrito o reformule uno de los dos.',
    forecastMisses: (v, d, t) =>
      `Con la tendencia actual, se prevé que una métrica vinculada llegue a ${v} el ${d}, sin alcanzar su meta de ${t}; revise el apoyo ofrecido o la meta.`,
    steepTarget: (b, t) =>
      `La meta (de ${b} a ${t}) exige un cambio mayor que el propio valor de partida en un plan de menos de 8 semanas; confirme que es realista o amplíe la duración del plan.`,
  },
};

const criterionOrder: SmartCriterion[] = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'];

// One number format per language, built once: building one costs more than checking a focus area, and a plan read
// checks every focus area.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormatIn(locale: string): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    numberFormats.set(locale, format);
  }
  return format;
}

export function checkSmart(area: SmartArea, context: SmartContext): SmartFinding[] {
  const t = messages[context.locale];
  const numbers = numberFormatIn(context.locale);
  const prompts: readonly FocusAreaTemplate[] =
    context.prompts === undefined ? [] : Array.isArray(context.prompts) ? context.prompts : [context.prompts];
  const isPrompt = (value: string, field: 'goal' | 'issue' | 'measurement' | 'successCriteria'): boolean =>
    prompts.some((p) => sameText(value, p[field]));

  const findings: SmartFinding[] = [];
  const add = (criterion: SmartCriterion, severity: SmartFinding['severity'], message: string): void => {
    findings.push({ criterion, severity, message });
  };

  const goal = area.goal.trim();
  if (goal === '') add('specific', 'error', t.goalEmpty);
  else if (isPrompt(goal, 'goal')) add('specific', 'error', t.goalPrompt);
  else if (!/\p{N}/u.test(goal)) {
    const goalWords = words(goal);
    const vague = goalWords.find((w) => vagueWords.has(w));
    // Point at the word as the person typed it, accents included.
    const typed =
      vague === undefined ? undefined : area.goal.match(/[\p{L}\p{N}]+/gu)?.find((w) => fold(w) === vague);
    if (typed !== undefined) add('specific', 'warning', t.goalVague(typed));
    else if (goalWords.length < minGoalWords) add('specific', 'warning', t.goalShort);
  }

  if (context.metrics.length === 0) add('measurable', 'error', t.noMetric);
  const measurement = area.measurement.trim();
  if (measurement === '') add('measurable', 'warning', t.measurementEmpty);
  else if (isPrompt(measurement, 'measurement')) add('measurable', 'warning', t.measurementPrompt);
  const successCriteria = area.successCriteria.trim();
  if (successCriteria === '') add('measurable', 'warning', t.successCriteriaEmpty);
  else if (isPrompt(successCriteria, 'successCriteria'))
    add('measurable', 'warning', t.successCriteriaPrompt);

  const shortPlan =
    isValidDate(context.startDate) &&
    isValidDate(context.endDate) &&
    compareDates(context.startDate, context.endDate) <= 0 &&
    daysInclusive(context.startDate, context.endDate) < shortPlanDays;
  for (const m of context.metrics) {
    const forecast = m.evaluation.forecast;
    if (forecast !== null && !forecast.meetsTarget) {
      add(
        'achievable',
        'warning',
        t.forecastMisses(numbers.format(forecast.value), forecast.date, numbers.format(m.target)),
      );
    }
    if (shortPlan && Math.abs(m.target - m.baseline) / Math.max(Math.abs(m.baseline), 1) > 1) {
      add('achievable', 'warning', t.steepTarget(numbers.format(m.baseline), numbers.format(m.target)));
    }
  }

  const issue = area.issue.trim();
  if (issue === '') add('relevant', 'error', t.issueEmpty);
  else if (isPrompt(issue, 'issue')) add('relevant', 'error', t.issuePrompt);
  else if (goal !== '' && !isPrompt(goal, 'goal')) {
    const issueWords = significantWords(issue);
    const shared = significantWords(goal).some((g) => issueWords.some((i) => related(g, i)));
    if (!shared) add('relevant', 'warning', t.unrelated);
  }

  const deadline = area.deadline?.trim() ?? '';
  if (deadline === '') add('timeBound', 'error', t.noDeadline);
  else if (!isValidDate(deadline)) add('timeBound', 'error', t.invalidDeadline(deadline));
  else if (isValidDate(context.startDate) && compareDates(deadline, context.startDate) < 0) {
    add('timeBound', 'error', t.deadlineBeforeStart(deadline, context.startDate));
  } else if (isValidDate(context.endDate) && compareDates(deadline, context.endDate) > 0) {
    add('timeBound', 'error', t.deadlineAfterEnd(deadline, context.endDate));
  }

  // Stable sort: findings of one criterion keep the order they were raised in.
  return findings.sort((a, b) => criterionOrder.indexOf(a.criterion) - criterionOrder.indexOf(b.criterion));
}
