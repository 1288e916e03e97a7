// Tests of the SMART check: each rule, in English and Spanish, and a well-formed goal that raises nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FocusAreaTemplate } from '../template/template.ts';
import type { MetricEvaluation } from './metrics.ts';
import { checkSmart, type SmartArea, type SmartContext, type SmartCriterion } from './smart.ts';

const promptsEn: FocusAreaTemplate = {
  key: 'technical_skills',
  title: 'Technical Skills Gap',
  goalTitle: 'Technical Proficiency',
  issue: 'Specific technical performance issue',
  impact: 'How this affects team/company performance',
  examples: 'Specific instances or examples',
  requiredStandard: 'Expected performance level',
  goal: 'Achieve proficiency in specific technical skills',
  measurement: 'Specific metrics or assessments',
  timeline: 'Specific deadline',
  successCriteria: 'Clear definition of success',
  suggestedMetrics: ['Training completion rates'],
};
const promptsEs: FocusAreaTemplate = {
  key: 'technical_skills',
  title: 'Brecha de habilidades técnicas',
  goalTitle: 'Dominio técnico',
  issue: 'Problema de desempeño técnico específico',
  impact: 'Cómo afecta al desempeño del equipo o de la empresa',
  examples: 'Casos o ejemplos concretos',
  requiredStandard: 'Nivel de desempeño esperado',
  goal: 'Alcanzar el dominio de habilidades técnicas específicas',
  measurement: 'Métricas o evaluaciones específicas',
  timeline: 'Fecha límite específica',
  successCriteria: 'Definición clara del éxito',
  suggestedMetrics: ['Tasa de finalización de la formación'],
};

const evaluation = (forecast: MetricEvaluation['forecast']): MetricEvaluation => ({
  current: 70,
  gap: 20,
  isMet: false,
  progress: 0.3333,
  status: 'onTrack',
  forecast,
});
const onCourse = { evaluation: evaluation(null), direction: 'higher' as const, baseline: 60, target: 90 };

const goodArea: SmartArea = {
  title: 'Code quality',
  issue: 'Pull requests are returned for rework because of failing unit tests and missing reviews.',
  goal: 'Merge pull requests with passing unit tests on the first review in 90% of cases.',
  measurement: 'Share of pull requests merged without rework, from the repository.',
  deadline: '2025-03-28',
  successCriteria: '90% first-review merges over the last four weeks.',
};
const goodAreaEs: SmartArea = {
  title: 'Calidad del código',
  issue:
    'Las solicitudes de integración se devuelven por pruebas unitarias fallidas y revisiones incompletas.',
  goal: 'Integrar el 90% de las solicitudes con pruebas unitarias correctas en la primera revisión.',
  measurement: 'Porcentaje de solicitudes integradas sin retrabajo, según el repositorio.',
  deadline: '2025-03-28',
  successCriteria: 'El 90% de las integraciones en la primera revisión durante las últimas cuatro semanas.',
};
const context = (overrides: Partial<SmartContext> = {}): SmartContext => ({
  prompts: [promptsEn, promptsEs],
  metrics: [onCourse],
  startDate: '2025-01-06',
  endDate: '2025-03-30',
  locale: 'en',
  ...overrides,
});
const es = (overrides: Partial<SmartContext> = {}) => context({ locale: 'es', ...overrides });

describe('checkSmart: a well-formed goal', () => {
  it('raises nothing in either language', () => {
    expect(checkSmart(goodArea, context())).toEqual([]);
    expect(checkSmart(goodAreaEs, es())).toEqual([]);
  });

  it('works without template prompts', () => {
    expect(checkSmart(goodArea, context({ prompts: undefined }))).toEqual([]);
    expect(checkSmart(goodArea, context({ prompts: promptsEn }))).toEqual([]);
  });
});

describe('checkSmart: measurable', () => {
  it('is an error when no metric is linked', () => {
    expect(checkSmart(goodArea, context({ metrics: [] }))).toEqual([
      {
        criterion: 'measurable',
        severity: 'error',
        message: 'Link at least one metric to this goal so progress can be measured.',
      },
    ]);
    expect(checkSmart(goodAreaEs, es({ metrics: [] }))).toEqual([
      {
        criterion: 'measurable',
        severity: 'error',
        message: 'Vincule al menos una métrica a este objetivo para poder medir el progreso.',
      },
    ]);
  });

  it('warns when the measurement or the success criteria are empty or still the template prompt', () => {
    const findings = (area: SmartArea, ctx: SmartContext) =>
      checkSmart(area, ctx).map((f) => `${f.criterion}/${f.severity}: ${f.message}`);
    expect(findings({ ...goodArea, measurement: '  ' }, context())).toEqual([
      'measurable/warning: Describe how progress on this goal will be measured: the method or the source of the figures.',
    ]);
    expect(findings({ ...goodArea, measurement: 'specific METRICS or assessments ' }, context())).toEqual([
      'measurable/warning: The measurement still shows the template prompt; replace it with how progress on this goal will be measured.',
    ]);
    expect(findings({ ...goodAreaEs, successCriteria: '' }, es())).toEqual([
      'measurable/warning: Defina los criterios de éxito: qué demostrará que se ha cumplido este objetivo.',
    ]);
    expect(findings({ ...goodAreaEs, successCriteria: 'Definición clara del éxito' }, es())).toEqual([
      'measurable/warning: Los criterios de éxito todavía muestran el texto de ejemplo de la plantilla; sustitúyalos por lo que demostrará que se ha cumplido este objetivo.',
    ]);
  });
});

describe('checkSmart: time-bound', () => {
  const timeBound = (deadline: string | null, ctx = context(), area = goodArea) =>
    checkSmart({ ...area, deadline }, ctx).filter((f) => f.criterion === 'timeBound');

  it('is an error without a deadline', () => {
    for (const deadline of [null, '', '   ']) {
      expect(timeBound(deadline)).toEqual([
        {
          criterion: 'timeBound',
          severity: 'error',
          message: 'Set a deadline for this goal within the plan dates.',
        },
      ]);
    }
    expect(timeBound(null, es(), goodAreaEs)[0].message).toBe(
      'Fije una fecha límite para este objetivo dentro de las fechas del plan.',
    );
  });

  it('is an error for a deadline that is not a date', () => {
    expect(timeBound('2025-02-30')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(timeBound('30/03/2025', es(), goodAreaEs)[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('AAAA-MM-DD'),
    });
  });

  it('is an error before the start or after the end, naming both dates', () => {
    expect(timeBound('2025-01-05')).toEqual([
      {
        criterion: 'timeBound',
        severity: 'error',
        message:
          'The deadline (2025-01-05) is before the plan starts (2025-01-06); move it within the plan dates.',
      },
    ]);
    expect(timeBound('2025-03-31')[0].message).toBe(
      'The deadline (2025-03-31) is after the plan ends (2025-03-30); move it within the plan dates or extend the plan.',
    );
    expect(timeBound('2025-01-05', es(), goodAreaEs)[0].message).toBe(
      'La fecha límite (2025-01-05) es anterior al inicio del plan (2025-01-06); muévala dentro de las fechas del plan.',
    );
    expect(timeBound('2025-04-15', es(), goodAreaEs)[0].message).toBe(
      'La fecha límite (2025-04-15) es posterior al fin del plan (2025-03-30); muévala dentro de las fechas del plan o amplíe el plan.',
    );
  });

  it('accepts deadlines on the first and the last day of the plan', () => {
    expect(timeBound('2025-01-06')).toEqual([]);
    expect(timeBound('2025-03-30')).toEqual([]);
  });
});

describe('checkSmart: specific', () => {
  const specific = (goal: string, ctx = context(), area = goodArea) =>
    checkSmart({ ...area, goal }, ctx).filter((f) => f.criterion === 'specific');

  it('is an error when the goal is empty', () => {
    expect(specific(' ')).toEqual([
      {
        criterion: 'specific',
        severity: 'error',
        message: 'Write the goal: the concrete result expected by the deadline.',
      },
    ]);
    expect(specific('', es(), goodAreaEs)[0].message).toBe(
      'Redacte el objetivo: el resultado concreto que se espera alcanzar en la fecha límite.',
    );
  });

  it('is an error when the goal is still a template prompt, in either language, ignoring case and spacing', () => {
    const prompt = 'The goal still shows the template prompt; replace it with the concrete result expected.';
    expect(specific('  achieve proficiency in SPECIFIC technical skills ')).toEqual([
      { criterion: 'specific', severity: 'error', message: prompt },
    ]);
    expect(specific('Alcanzar el dominio de habilidades técnicas específicas')[0].message).toBe(prompt);
    expect(
      specific('Alcanzar el  dominio de habilidades técnicas específicas', es(), goodAreaEs)[0].message,
    ).toBe(
      'El objetivo todavía muestra el texto de ejemplo de la plantilla; sustitúyalo por el resultado concreto esperado.',
    );
    // Without the prompts there is nothing to compare with; the wording alone is fine.
    expect(
      specific('Achieve proficiency in specific technical skills', context({ prompts: undefined })),
    ).toEqual([]);
  });

  it('warns about a short goal without a figure', () => {
    expect(specific('Write cleaner pull requests')).toEqual([
      {
        criterion: 'specific',
        severity: 'warning',
        message:
          'The goal is brief and contains no figure; state what will be achieved, to what level and by when.',
      },
    ]);
    expect(specific('Entregar informes semanales puntuales', es(), goodAreaEs)[0].message).toBe(
      'El objetivo es breve y no incluye ninguna cifra; indique qué se logrará, en qué medida y para cuándo.',
    );
    expect(specific('Close 20 pull requests weekly')).toEqual([]);
    // Six words is the threshold.
    expect(specific('Write cleaner and shorter requests')).toHaveLength(1);
    expect(specific('Write cleaner and shorter pull requests')).toEqual([]);
  });

  it('warns about vague wording without a figure, quoting the word as typed', () => {
    expect(specific('Improve the quality of the pull requests sent for review')).toEqual([
      {
        criterion: 'specific',
        severity: 'warning',
        message:
          'The goal relies on general wording ("Improve") and contains no figure; state the concrete result expected, with a number to reach.',
      },
    ]);
    expect(
      specific('Ser MÁS cuidadoso con las pruebas unitarias de cada solicitud', es(), goodAreaEs)[0].message,
    ).toBe(
      'El objetivo se apoya en términos generales ("MÁS") y no incluye ninguna cifra; indique el resultado concreto esperado, con un valor que alcanzar.',
    );
    expect(specific('Mejorar las pruebas unitarias', es(), goodAreaEs)[0].message).toContain('("Mejorar")');
  });

  it('accepts vague words when the goal states a figure, and long concrete goals without one', () => {
    expect(specific('Improve unit test coverage of pull requests to 80%')).toEqual([]);
    expect(specific('Merge pull requests with passing unit tests on the first review consistently')).toEqual(
      [],
    );
  });
});

describe('checkSmart: relevant', () => {
  const relevant = (issue: string, goal: string, ctx = context(), area = goodArea) =>
    checkSmart({ ...area, issue, goal }, ctx).filter((f) => f.criterion === 'relevant');

  it('is an error when the issue is empty or still the template prompt', () => {
    expect(relevant('', goodArea.goal)).toEqual([
      {
        criterion: 'relevant',
        severity: 'error',
        message: 'Describe the performance issue this goal addresses.',
      },
    ]);
    expect(relevant('specific technical performance issue', goodArea.goal)[0]).toEqual({
      criterion: 'relevant',
      severity: 'error',
      message:
        'The issue still shows the template prompt; describe the actual performance issue this goal addresses.',
    });
    expect(relevant('', goodAreaEs.goal, es(), goodAreaEs)[0].message).toBe(
      'Describa el problema de desempeño que aborda este objetivo.',
    );
    expect(
      relevant('Problema de desempeño técnico específico', goodAreaEs.goal, es(), goodAreaEs)[0].message,
    ).toBe(
      'La descripción del problema todavía muestra el texto de ejemplo de la plantilla; describa el problema de desempeño real que aborda este objetivo.',
    );
  });

  it('warns when the goal and the issue share no significant word', () => {
    expect(
      relevant(
        'Pull requests are returned for rework because of failing unit tests.',
        'Answer 95% of customer tickets within 24 hours of arrival.',
      ),
    ).toEqual([
      {
        criterion: 'relevant',
        severity: 'warning',
        message:
          'The goal and the issue share no key words; check that the goal addresses the issue described, or reword one of them.',
      },
    ]);
    expect(
      relevant(
        'Las solicitudes se devuelven por pruebas fallidas.',
        'Responder al 95% de los clientes en 24 horas.',
        es(),
        goodAreaEs,
      )[0].message,
    ).toBe(
      'El objetivo y el problema no comparten ninguna palabra clave; compruebe que el objetivo aborda el problema descrito o reformule uno de los dos.',
    );
  });

  it('ignores stop words, short words, numbers and vague words when looking for shared words', () => {
    expect(
      relevant(
        'The employee should improve how they attend the 10 weekly meetings, and be on time.',
        'The employee should improve and deliver 10 reports each month.',
      ),
    ).toHaveLength(1);
  });

  it('matches words across case, accents and simple word endings', () => {
    expect(
      relevant('Deadlines for the monthly report were missed.', 'Meet every DEADLINE in 2 of 2 cycles.'),
    ).toEqual([]);
    expect(
      relevant('Communication with clients is irregular.', 'Communicate status to 100% of accounts weekly.'),
    ).toEqual([]);
    expect(
      relevant(
        'Errores frecuentes en la facturación mensual.',
        'Emitir la facturacion sin errores en el 95% de los casos.',
        es(),
        goodAreaEs,
      ),
    ).toEqual([]);
  });
});

describe('checkSmart: achievable', () => {
  const achievable = (metrics: SmartContext['metrics'], ctx: Partial<SmartContext> = {}) =>
    checkSmart(goodArea, context({ metrics, ...ctx })).filter((f) => f.criterion === 'achievable');

  it('warns when a linked metric is forecast to miss its target', () => {
    const missing = {
      ...onCourse,
      evaluation: evaluation({ date: '2025-03-30', value: 1234.5, meetsTarget: false }),
      target: 1500,
    };
    expect(achievable([onCourse, missing])).toEqual([
      {
        criterion: 'achievable',
        severity: 'warning',
        message:
          'At the current trend a linked metric is forecast to reach 1,234.5 by 2025-03-30, short of its target of 1,500; review the support offered or the target.',
      },
    ]);
    const [finding] = checkSmart(goodAreaEs, es({ metrics: [missing] }));
    expect(finding.message).toBe(
      'Con la tendencia actual, se prevé que una métrica vinculada llegue a 1234,5 el 2025-03-30, sin alcanzar su meta de 1500; revise el apoyo ofrecido o la meta.',
    );
  });

  it('is silent when the forecast meets the target', () => {
    const meeting = {
      ...onCourse,
      evaluation: evaluation({ date: '2025-03-30', value: 95, meetsTarget: true }),
    };
    expect(achievable([meeting])).toEqual([]);
  });

  it('warns about a change larger than the baseline itself in a plan shorter than 8 weeks', () => {
    const sixWeeks = { startDate: '2025-01-06', endDate: '2025-02-16' };
    const eightWeeks = { startDate: '2025-01-06', endDate: '2025-03-02' };
    const steep = { ...onCourse, baseline: 10, target: 25 };
    const near = { ...onCourse, baseline: 10, target: 20 };
    expect(achievable([steep], sixWeeks)).toEqual([
      {
        criterion: 'achievable',
        severity: 'warning',
        message:
          'The target (from 10 to 25) asks for a change larger than the starting value itself in a plan shorter than 8 weeks; confirm it is realistic or lengthen the plan.',
      },
    ]);
    expect(
      checkSmart({ ...goodAreaEs, deadline: '2025-02-10' }, es({ metrics: [steep], ...sixWeeks })),
    ).toEqual([
      {
        criterion: 'achievable',
        severity: 'warning',
        message:
          'La meta (de 10 a 25) exige un cambio mayor que el propio valor de partida en un plan de menos de 8 semanas; confirme que es realista o amplíe la duración del plan.',
      },
    ]);
    expect(achievable([near], sixWeeks)).toEqual([]);
    expect(achievable([steep], eightWeeks)).toEqual([]);
    // Lower-is-better and a zero baseline: the distance is measured against max(|baseline|, 1).
    expect(achievable([{ ...onCourse, direction: 'lower', baseline: 40, target: 15 }], sixWeeks)).toEqual([]);
    expect(achievable([{ ...onCourse, baseline: 0, target: 0.5 }], sixWeeks)).toEqual([]);
    expect(achievable([{ ...onCourse, baseline: 0, target: 2 }], sixWeeks)).toHaveLength(1);
  });
});

describe('checkSmart: all together', () => {
  const order: SmartCriterion[] = ['specific', 'measurable', 'achievable', 'relevant', 'timeBound'];
  const broken: SmartArea = {
    title: 'Punctuality',
    issue: '',
    goal: 'Achieve proficiency in specific technical skills',
    measurement: '',
    deadline: null,
    successCriteria: '',
  };

  it('reports every problem once, in SMART order', () => {
    const findings = checkSmart(broken, context({ metrics: [] }));
    expect(findings.map((f) => `${f.criterion}/${f.severity}`)).toEqual([
      'specific/error',
      'measurable/error',
      'measurable/warning',
      'measurable/warning',
      'relevant/error',
      'timeBound/error',
    ]);
  });

  it('speaks the locale asked for, with different text for every finding', () => {
    const en = checkSmart(broken, context({ metrics: [] }));
    const spanish = checkSmart(broken, es({ metrics: [] }));
    expect(spanish.map((f) => [f.criterion, f.severity])).toEqual(en.map((f) => [f.criterion, f.severity]));
    spanish.forEach((f, i) => {
      expect(f.message).not.toBe(en[i].message);
      expect(f.message).toMatch(/[áéíóúñ]/);
    });
  });

  it('keeps findings in SMART order with well-formed messages for any input', () => {
    const text = fc.oneof(
      fc.constant(''),
      fc.constantFrom(
        promptsEn.goal,
        promptsEs.issue,
        'Improve',
        'Mejorar más',
        goodArea.goal,
        goodArea.issue,
      ),
      fc.string({ maxLength: 60 }),
    );
    fc.assert(
      fc.property(
        fc.record({
          title: text,
          issue: text,
          goal: text,
          measurement: text,
          successCriteria: text,
          deadline: fc.option(fc.constantFrom('2025-01-01', '2025-02-01', '2025-05-01', 'soon', '')),
        }),
        fc.constantFrom('en' as const, 'es' as const),
        fc.boolean(),
        (area, locale, linked) => {
          const findings = checkSmart(area, context({ locale, metrics: linked ? [onCourse] : [] }));
          const ranks = findings.map((f) => order.indexOf(f.criterion));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
          for (const f of findings) {
            expect(f.message.length).toBeGreaterThan(20);
            expect(f.message).not.toMatch(/undefined|\$\{/);
          }
          expect(findings.some((f) => f.criterion === 'measurable' && f.severity === 'error')).toBe(!linked);
          expect(findings.filter((f) => f.criterion === 'timeBound')).toHaveLength(
            area.deadline === '2025-02-01' ? 0 : 1,
          );
        },
      ),
    );
  });
});
