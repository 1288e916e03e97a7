// What Mejora computes and how, in plain English and Spanish: the one text behind the transparency page and its PDF.
// Every figure is arithmetic a person can redo; none decides anything for a person.
import { flagThreshold, minimumGroupSize } from './consistency.ts';

export type TransparencySection = { key: string; title: string; paragraphs: string[] };
export type TransparencyText = { title: string; intro: string; sections: TransparencySection[] };

const en: TransparencyText = {
  title: 'How Mejora computes every figure',
  intro:
    'Mejora shows figures to help people talk about facts. Each one below is plain arithmetic on what people recorded ' +
    '(measurements, check-ins, activities, texts). No figure decides anything about a person: people decide, and ' +
    'each figure can be checked by hand.',
  sections: [
    {
      key: 'gap',
      title: 'Gap',
      paragraphs: [
        'For each metric the plan states a baseline (where the person started) and a target. The current value is the latest measurement (the baseline when there is none).',
        'Gap = target − current value when higher is better, current value − target when lower is better; never below zero. A gap of zero means the target is met.',
      ],
    },
    {
      key: 'progress',
      title: 'Progress',
      paragraphs: [
        'Progress of a metric = (current value − baseline) ÷ (target − baseline), kept between 0 % and 100 %. A focus area’s progress is the average of its metrics; the plan’s, the average of all metrics.',
      ],
    },
    {
      key: 'status',
      title: 'Status: on track, at risk, off track',
      paragraphs: [
        'Time elapsed = days since the start ÷ days of the plan (0 % on the start date, 100 % on the end date).',
        'A metric is on track when its target is met or its progress is no more than 10 points behind the time elapsed; at risk up to 25 points behind; off track beyond.',
        'A rating of 4 or 5 (of 5) in an assessment is on track, 3 at risk, 1 or 2 off track. A focus area takes the least favourable status of its metrics, its latest rating and, when its development activities are overdue, at least at risk.',
      ],
    },
    {
      key: 'forecast',
      title: 'Forecast',
      paragraphs: [
        'A straight line (ordinary least squares) is drawn through the baseline at the start and every measurement, and read on the end date. It is shown only when the measurements span at least 7 days. The forecast says whether that line reaches the target; it is a trend, not a prediction about the person.',
      ],
    },
    {
      key: 'riskFlags',
      title: 'Risk flags',
      paragraphs: [
        'An active plan is flagged, and HR told once, when: two check-ins or reviews in a row were missed; the forecast of a metric misses its target; a development activity is past its due date and not done; or no measurement was recorded for 14 days (counted from the start).',
        'A flag asks for attention and support; it clears by itself when the fact behind it changes.',
      ],
    },
    {
      key: 'compliance',
      title: 'Check-ins held',
      paragraphs: [
        'Check-in compliance = check-ins held ÷ check-ins due (scheduled before today, not cancelled). In a plan, a meeting counts as on time when it took place within two days of its slot in the cadence.',
      ],
    },
    {
      key: 'readiness',
      title: 'Readiness check',
      paragraphs: [
        'Before a plan reaches the employee, a list of checks runs on it: every issue has at least one dated example; no field still holds a template prompt; every goal has a linked metric with baseline and target and a deadline inside the plan; the plan lasts at least the organisation’s minimum; support is listed (a dated development activity, the check-in cadence, a mentor or the reason for none); a prior conversation is recorded; the consequence of not meeting the goals is stated.',
        'An error stops the plan from being sent; a warning may be accepted by HR with a written reason, which is kept in the audit trail. Each item says why it matters and how to fix it.',
      ],
    },
    {
      key: 'wording',
      title: 'Wording check',
      paragraphs: [
        'Issues, goals, examples and notes are compared with published word lists (English and Spanish) of wording a reviewer would challenge: vague judgments, personal traits instead of observed behaviour, references to age, health, pregnancy, family, religion, origin, union activity or protected leave, and absolute words without facts. Each hit names the words found, why they matter and a neutral alternative.',
        'It is a plain list match, no machine learning: every hit can be explained, and an organisation may extend the lists.',
      ],
    },
    {
      key: 'consistency',
      title: 'Consistency across managers and departments',
      paragraphs: [
        'For each manager (their direct reports) and each department, Mejora counts the people now in the directory and those among them with a plan that left draft, and sets the share against the organisation’s.',
        `Test of the rate: a two-sided exact binomial test: if every person had the organisation’s chance of a plan, how likely is a count at least as far from the expected count (headcount × the organisation’s share)? Test of outcomes: Fisher’s exact test of the group’s completed and not completed plans against the rest of the organisation’s.`,
        `Because many groups are tested at once, the p-values are adjusted with Holm’s method, and a group is flagged only when the adjusted value is below ${flagThreshold}. A flag means the difference is unlikely to be chance, not that anyone acted wrongly: it is a reason to look at the plans.`,
        `Groups of fewer than ${minimumGroupSize} people show no counts and are not tested, so no one can be identified. Other figures per group (length, share of measurable goals and dated examples, development activities done ÷ planned, mentor sessions held) are shown beside the organisation’s, without a test.`,
      ],
    },
    {
      key: 'freshness',
      title: 'When HR analytics are computed',
      paragraphs: [
        'The HR analytics of the whole organisation are computed when first asked for, then kept with the time they were computed (“Figures as of”). Any change to the organisation’s plans, its directory or its risk flags discards them in the same moment, so the next reader gets figures computed anew. Otherwise they are kept for at most a minute, because some figures move with the clock alone, such as check-ins coming due. The analytics of the plans assigned to an HR representative are computed on every read.',
      ],
    },
  ],
};

const es: TransparencyText = {
  title: 'Cómo calcula Mejora cada cifra',
  intro:
    'Mejora muestra cifras para ayudar a hablar de hechos. Cada una es aritmética sencilla sobre lo que las personas ' +
    'registraron (mediciones, reuniones, actividades, textos). Ninguna cifra decide nada sobre una persona: deciden ' +
    'las personas, y cada cifra puede comprobarse a mano.',
  sections: [
    {
      key: 'gap',
      title: 'Brecha',
      paragraphs: [
        'Cada métrica del plan tiene un valor inicial (de donde partió la persona) y un objetivo. El valor actual es la última medición (el valor inicial si no hay ninguna).',
        'Brecha = objetivo − valor actual cuando más es mejor, valor actual − objetivo cuando menos es mejor; nunca por debajo de cero. Una brecha de cero significa que el objetivo se ha alcanzado.',
      ],
    },
    {
      key: 'progress',
      title: 'Progreso',
      paragraphs: [
        'Progreso de una métrica = (valor actual − valor inicial) ÷ (objetivo − valor inicial), entre el 0 % y el 100 %. El progreso de un área de mejora es la media de sus métricas; el del plan, la media de todas.',
      ],
    },
    {
      key: 'status',
      title: 'Estado: en buen camino, en riesgo, desviado',
      paragraphs: [
        'Tiempo transcurrido = días desde el inicio ÷ días del plan (0 % el día de inicio, 100 % el día de fin).',
        'Una métrica va en buen camino cuando alcanzó su objetivo o su progreso no va más de 10 puntos por detrás del tiempo transcurrido; en riesgo hasta 25 puntos por detrás; desviada más allá.',
        'Una valoración de 4 o 5 (sobre 5) es en buen camino, 3 en riesgo, 1 o 2 desviado. Un área toma el estado menos favorable de sus métricas, su última valoración y, si tiene actividades de desarrollo vencidas, al menos en riesgo.',
      ],
    },
    {
      key: 'forecast',
      title: 'Previsión',
      paragraphs: [
        'Se traza una recta (mínimos cuadrados) por el valor inicial al comienzo y cada medición, y se lee en la fecha de fin. Solo se muestra cuando las mediciones abarcan al menos 7 días. La previsión dice si esa recta llega al objetivo; es una tendencia, no una predicción sobre la persona.',
      ],
    },
    {
      key: 'riskFlags',
      title: 'Alertas de riesgo',
      paragraphs: [
        'Un plan activo recibe una alerta, y RR. HH. un aviso una sola vez, cuando: se perdieron dos reuniones seguidas; la previsión de una métrica no alcanza su objetivo; una actividad de desarrollo está vencida y sin completar; o no se registró ninguna medición en 14 días (contados desde el inicio).',
        'Una alerta pide atención y apoyo; desaparece sola cuando cambia el hecho que la causó.',
      ],
    },
    {
      key: 'compliance',
      title: 'Reuniones celebradas',
      paragraphs: [
        'Cumplimiento = reuniones celebradas ÷ reuniones previstas (programadas antes de hoy, no canceladas). En un plan, una reunión cuenta como puntual si se celebró dentro de los dos días de su hueco en la cadencia.',
      ],
    },
    {
      key: 'readiness',
      title: 'Comprobación previa',
      paragraphs: [
        'Antes de que un plan llegue al empleado se comprueba: cada problema tiene al menos un ejemplo fechado; ningún campo conserva una indicación de la plantilla; cada meta tiene una métrica con valor inicial y objetivo y un plazo dentro del plan; el plan dura al menos el mínimo de la organización; el apoyo figura (una actividad de desarrollo con fecha, la cadencia de reuniones, un mentor o el motivo de no tenerlo); consta una conversación previa; se indica la consecuencia de no alcanzar las metas.',
        'Un error impide enviar el plan; un aviso puede aceptarlo RR. HH. con un motivo escrito, que queda en el registro de auditoría. Cada punto explica por qué importa y cómo corregirlo.',
      ],
    },
    {
      key: 'wording',
      title: 'Revisión de redacción',
      paragraphs: [
        'Problemas, metas, ejemplos y notas se comparan con listas públicas de palabras (en español e inglés) que un revisor cuestionaría: juicios vagos, rasgos personales en lugar de conductas observadas, referencias a edad, salud, embarazo, familia, religión, origen, actividad sindical o permisos protegidos, y palabras absolutas sin hechos. Cada coincidencia indica las palabras, por qué importan y una alternativa neutral.',
        'Es una comparación con listas, sin aprendizaje automático: cada coincidencia puede explicarse, y la organización puede ampliar las listas.',
      ],
    },
    {
      key: 'consistency',
      title: 'Coherencia entre responsables y departamentos',
      paragraphs: [
        'Para cada responsable (sus colaboradores directos) y cada departamento, Mejora cuenta las personas que hoy figuran en el directorio y cuántas tienen un plan que salió de borrador, y compara esa proporción con la de la organización.',
        'Prueba de la tasa: prueba binomial exacta bilateral: si cada persona tuviera la probabilidad de la organización, ¿qué probabilidad hay de un recuento al menos tan alejado del esperado (plantilla × proporción de la organización)? Prueba de resultados: prueba exacta de Fisher de los planes superados y no superados del grupo frente a los del resto de la organización.',
        `Como se prueban muchos grupos a la vez, los valores p se ajustan con el método de Holm y un grupo se señala solo si el valor ajustado es menor que ${flagThreshold}. Una señal indica que la diferencia difícilmente es casualidad, no que alguien actuara mal: es un motivo para revisar los planes.`,
        `Los grupos de menos de ${minimumGroupSize} personas no muestran recuentos ni se prueban, para que nadie pueda ser identificado. Otras cifras por grupo (duración, proporción de metas medibles y de ejemplos fechados, actividades de desarrollo completadas ÷ previstas, sesiones de mentoría celebradas) se muestran junto a las de la organización, sin prueba.`,
      ],
    },
    {
      key: 'freshness',
      title: 'Cuándo se calcula la analítica de RR. HH.',
      paragraphs: [
        'La analítica de RR. HH. de toda la organización se calcula la primera vez que se consulta y se conserva con la hora en que se calculó («Cifras a fecha de»). Cualquier cambio en los planes de la organización, en su directorio o en sus alertas de riesgo la descarta en ese mismo momento, de modo que la siguiente consulta obtiene cifras calculadas de nuevo. Si nada cambia, se conserva como máximo un minuto, porque algunas cifras avanzan solo con el reloj, como las reuniones de seguimiento que llegan a su fecha. La analítica de los planes asignados a un representante de RR. HH. se calcula en cada consulta.',
      ],
    },
  ],
};

export const transparencyText: Readonly<Record<'en' | 'es', TransparencyText>> = { en, es };
