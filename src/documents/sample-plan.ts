// A realistic, fully filled plan built from the default template, for tests, benchmarks and the demo.
import { createHash } from 'node:crypto';
import type { PlanView } from '../contracts/plans.ts';
import { addDays, compareDates, daysBetween } from '../domain/plan/dates.ts';
import type { Direction } from '../domain/plan/metrics.ts';
import { evaluateMetric } from '../domain/plan/metrics.ts';
import type { PlanHeader } from '../domain/plan/plan.ts';
import { buildPlanContent } from '../domain/plan/plan.ts';
import { checkSmart } from '../domain/plan/smart.ts';
import { buildTimeline, nextReviewDate, planEndDate, reviewPeriod } from '../domain/plan/timeline.ts';
import { defaultTemplate } from '../domain/template/default-templates.ts';
import type { Locale } from '../domain/template/template.ts';

export type SamplePlanOptions = {
  locale: Locale;
  seed?: number;
  employeeName?: string;
  isSigned?: boolean;
};

type AreaCopy = {
  issue: string;
  impact: string;
  /** Days before "today" of each example, and what happened. */
  examples: [number, string][];
  requiredStandard: string;
  goal: (baseline: string, target: string) => string;
  measurement: string;
  successCriteria: string;
  /** Where the goal's deadline falls, as a share of the plan. */
  deadlineShare: number;
};

type MetricCopy = {
  name: string;
  unit: string;
  direction: Direction;
  baseline: [number, number];
  target: number;
  decimals: number;
};

type Copy = {
  organization: string;
  domain: string;
  firstNames: string[];
  lastNames: string[];
  positions: string[];
  departments: string[];
  mentorRoles: string[];
  areas: AreaCopy[];
  metrics: MetricCopy[];
  measurementSources: string[];
  mentor: { focusAreas: string; supportProvided: string };
  hr: { availability: string; supportAreas: string; additionalResources: string };
  training: { internal: string; external: string; online: string; certification: string };
  expenses: string[];
  evidence: string[];
  locations: string[];
  additional: Record<string, { email: string | null; phone: string | null; url: string | null }>;
  resources: Record<string, { url: string; instructions: string }>;
  approvalComment: string;
};

const copies: Record<Locale, Copy> = {
  en: {
    organization: 'Northwind Learning Ltd.',
    domain: 'northwind-learning.com',
    firstNames: ['Alex', 'Jordan', 'Priya', 'Daniel', 'Grace', 'Samuel', 'Chloe', 'Marcus', 'Hannah', 'Noah'],
    lastNames: [
      'Bennett',
      'Okafor',
      'Fischer',
      'Nakamura',
      'O’Brien',
      'Patel',
      'Reyes',
      'Lindqvist',
      'Carter',
    ],
    positions: [
      'Marketing Automation Specialist',
      'Content Operations Analyst',
      'Growth Marketing Associate',
      'Lifecycle Marketing Specialist',
    ],
    departments: ['Growth Marketing', 'Customer Education', 'Marketing Operations'],
    mentorRoles: ['Senior Marketing Automation Lead', 'Principal Content Strategist'],
    areas: [
      {
        issue:
          'Campaign automations built in the course platform’s workflow editor regularly fail QA: 9 of the last 20 workflows were returned for rework because of broken triggers or missing audience filters.',
        impact:
          'Each returned workflow delays a course launch by two to three days and takes about four hours of a senior specialist’s time to diagnose; two cohort launches slipped last quarter.',
        examples: [
          [
            41,
            'The “AI for Marketers” webinar sequence sent the day-3 reminder to the whole contact list instead of registrants only.',
          ],
          [
            27,
            'The SaaS trial onboarding workflow had no exit condition, so 312 converted customers kept receiving trial nurture emails.',
          ],
          [12, 'A lead-scoring rule referenced a deleted field; QA only caught it on the third review.'],
        ],
        requiredStandard:
          'At least 90% of workflows pass QA on first submission, with triggers, filters and exit conditions documented in the build checklist.',
        goal: (b, t) =>
          `Raise the first-pass QA rate of new workflows from ${b} to at least ${t} by completing the advanced workflow certification and using the build checklist on every workflow.`,
        measurement:
          'First-pass QA rate from the QA tracker, reviewed every two weeks; certification result from the training platform.',
        successCriteria:
          'Three consecutive bi-weekly periods at or above 90% first-pass QA, and the advanced workflow certification passed with a score of 80% or more.',
        deadlineShare: 0.67,
      },
      {
        issue:
          'Status updates to the content and sales teams are late or missing, and questions in the shared launch channel often wait more than a working day for an answer.',
        impact:
          'Two partner webinars were announced with the wrong dates because changes were not passed on; teammates have to chase information, which slows joint projects.',
        examples: [
          [
            35,
            'The sales team was not told that the Q3 pricing email had been postponed; three account managers quoted the old offer.',
          ],
          [21, 'Missed the weekly launch stand-up twice without sending a written update.'],
          [9, 'A copy review request from the content team waited four working days for a reply.'],
        ],
        requiredStandard:
          'A written status update every Friday on each active project, replies to teammates within one working day, and attendance or a written update at every stand-up.',
        goal: (b, t) =>
          `Raise the peer feedback score on communication from ${b} to at least ${t} by posting a written status update every Friday and answering team requests within one working day.`,
        measurement:
          'Anonymous peer feedback survey (scale 1–5) every four weeks; stand-up attendance and reply times logged by the manager.',
        successCriteria:
          'A peer feedback average of 4.0 or higher in the last two surveys, and no missed Friday update in the final six weeks.',
        deadlineShare: 0.84,
      },
      {
        issue:
          'Bulk-generated course certificates and invoices contain data errors — wrong names, dates or amounts — in about 7 to 9 of every 100 documents.',
        impact:
          'Customers have to ask for corrected documents: 46 support tickets last month and a refund request from an enterprise client.',
        examples: [
          [
            38,
            'A batch of 1,200 completion certificates for “Prompt Engineering Basics” printed the course end date as the start date.',
          ],
          [24, '12 invoices for the annual SaaS plan showed the monthly price.'],
          [6, 'A template update went live without the peer review step.'],
        ],
        requiredStandard:
          'No more than 2 errors per 100 generated documents, with a peer review and a 20-document sample check before every batch is released.',
        goal: (b, t) =>
          `Cut errors in generated documents from ${b} to ${t} or fewer per 100 by running the sample check and the peer review on every batch.`,
        measurement:
          'Errors per 100 documents, from the QA sample log and the support tickets tagged “document error”.',
        successCriteria:
          'Error rate at or below 2 per 100 for four consecutive weeks, with the checklist recorded for every batch.',
        deadlineShare: 0.75,
      },
      {
        issue:
          'Campaign assets and reports are delivered after the agreed deadline in more than a third of cases, often without warning.',
        impact:
          'Late assets squeeze the review time of the design and legal teams and delayed the spring promotion by a week.',
        examples: [
          [
            33,
            'The monthly funnel report arrived five days late; the leadership review went ahead without it.',
          ],
          [19, 'Landing-page copy for the SaaS free-trial campaign arrived on the morning of the launch.'],
          [4, 'Two sprint tasks were marked done while still in progress.'],
        ],
        requiredStandard:
          '95% of assigned tasks delivered by the agreed date; any risk to a deadline flagged at least two working days before it.',
        goal: (b, t) =>
          `Raise on-time delivery of assigned tasks from ${b} to at least ${t}, flagging any risk two working days ahead on the sprint board.`,
        measurement: 'On-time delivery rate from the sprint board, calculated every two weeks.',
        successCriteria:
          'On-time delivery at or above 95% across the final four weeks of the plan, with every risk flagged in advance.',
        deadlineShare: 1,
      },
    ],
    metrics: [
      {
        name: 'First-pass QA rate',
        unit: '%',
        direction: 'higher',
        baseline: [48, 60],
        target: 90,
        decimals: 0,
      },
      {
        name: 'Peer feedback score',
        unit: '/5',
        direction: 'higher',
        baseline: [2.5, 3.1],
        target: 4,
        decimals: 1,
      },
      {
        name: 'Errors per 100 documents',
        unit: 'errors',
        direction: 'lower',
        baseline: [6.5, 9],
        target: 2,
        decimals: 1,
      },
      {
        name: 'On-time delivery',
        unit: '%',
        direction: 'higher',
        baseline: [58, 68],
        target: 95,
        decimals: 0,
      },
    ],
    measurementSources: ['QA tracker', 'Peer survey', 'QA sample log', 'Sprint board'],
    mentor: {
      focusAreas: 'Workflow design reviews, QA checklists and planning the week’s deliverables',
      supportProvided:
        'Pairing on two live workflows, review of status updates, and advice on estimating tasks',
    },
    hr: {
      availability: 'Monday to Thursday, 9:00–17:00; replies to email within one working day',
      supportAreas: 'Plan coordination, training bookings, wellbeing and reasonable adjustments',
      additionalResources: 'Employee Assistance Program, career coaching and the internal learning library',
    },
    training: {
      internal: 'Workflow Editor Advanced (4 modules), Writing for Busy Readers, QA Fundamentals',
      external: 'Marketing Automation Summit workshop day; HubSpot Academy live classes',
      online: 'LinkedIn Learning paths on project management and business writing',
      certification: 'Advanced Workflow Builder certification (pass mark 80%)',
    },
    expenses: [
      'Marketing Automation Summit workshop ticket',
      'Business writing online course',
      'Certification exam fee',
    ],
    evidence: [
      'Certificate uploaded to the training platform',
      'Attendance confirmed by the trainer',
      'Reviewed with the mentor in the weekly session',
      'Checklist in use since week 3',
    ],
    locations: ['London, 2nd floor', 'London, 4th floor', 'Remote (Manchester)'],
    additional: {
      training_team: { email: 'training@northwind-learning.com', phone: '+44 20 7946 0101', url: null },
      it_support: { email: 'it@northwind-learning.com', phone: '+44 20 7946 0102', url: null },
      employee_assistance: { email: null, phone: '0800 123 4567', url: 'https://eap.example.com/northwind' },
      emergency: { email: 'security@northwind-learning.com', phone: '+44 20 7946 0199', url: null },
    },
    resources: {
      training_platform: {
        url: 'https://learn.northwind-learning.com',
        instructions: 'Sign in with your company account (single sign-on)',
      },
      performance_tracking: {
        url: 'https://mejora.northwind-learning.com',
        instructions: 'Sign in with your company account; open “My plan”',
      },
      documentation: {
        url: 'https://wiki.northwind-learning.com/pip',
        instructions: 'Read access for all staff',
      },
      support_portal: {
        url: 'https://help.northwind-learning.com',
        instructions: 'Sign in with your company account and choose “People team”',
      },
    },
    approvalComment: 'Reviewed the examples and metrics with the employee’s manager.',
  },
  es: {
    organization: 'Aprendia Formación S. L.',
    domain: 'aprendia.es',
    firstNames: ['José', 'María', 'Lucía', 'Sofía', 'Martín', 'Andrés', 'Begoña', 'Íñigo', 'Ramón', 'Nuria'],
    lastNames: ['Núñez', 'Peña', 'Ibáñez', 'Muñoz', 'Gómez', 'Martínez', 'Fernández', 'Castaño', 'Calderón'],
    positions: [
      'Especialista en automatización de marketing',
      'Analista de operaciones de contenido',
      'Técnico de marketing de crecimiento',
      'Especialista en marketing del ciclo de vida',
    ],
    departments: ['Marketing de crecimiento', 'Formación de clientes', 'Operaciones de marketing'],
    mentorRoles: ['Responsable sénior de automatización', 'Estratega principal de contenidos'],
    areas: [
      {
        issue:
          'Las automatizaciones de campañas creadas en el editor de flujos de la plataforma de cursos no superan con frecuencia el control de calidad: 9 de los últimos 20 flujos se devolvieron por disparadores erróneos o filtros de audiencia incompletos.',
        impact:
          'Cada flujo devuelto retrasa el lanzamiento de un curso entre dos y tres días y exige unas cuatro horas de diagnóstico de un especialista sénior; dos lanzamientos de promociones se aplazaron el trimestre pasado.',
        examples: [
          [
            41,
            'La secuencia del seminario web «IA para profesionales del marketing» envió el recordatorio del día 3 a toda la lista de contactos, no solo a los inscritos.',
          ],
          [
            27,
            'El flujo de bienvenida de la prueba gratuita del SaaS no tenía condición de salida: 312 clientes ya convertidos siguieron recibiendo correos de la prueba.',
          ],
          [
            12,
            'Una regla de puntuación de clientes potenciales usaba un campo eliminado; el control de calidad no lo detectó hasta la tercera revisión.',
          ],
        ],
        requiredStandard:
          'Al menos el 90 % de los flujos supera el control de calidad en la primera entrega, con disparadores, filtros y condiciones de salida documentados en la lista de verificación.',
        goal: (b, t) =>
          `Elevar la tasa de aprobación a la primera de los flujos nuevos del ${b} a un mínimo del ${t}, completando la certificación avanzada de flujos y aplicando la lista de verificación en cada flujo.`,
        measurement:
          'Tasa de aprobación a la primera según el registro de control de calidad, revisada cada dos semanas; resultado de la certificación en la plataforma de formación.',
        successCriteria:
          'Tres periodos quincenales consecutivos con una tasa igual o superior al 90 % y la certificación avanzada aprobada con una nota mínima del 80 %.',
        deadlineShare: 0.67,
      },
      {
        issue:
          'Los informes de situación a los equipos de contenidos y ventas llegan tarde o no se envían, y las preguntas del canal compartido de lanzamientos suelen esperar más de una jornada laboral.',
        impact:
          'Dos seminarios web con socios se anunciaron con fechas erróneas porque no se comunicaron los cambios; los compañeros tienen que reclamar la información, lo que ralentiza los proyectos conjuntos.',
        examples: [
          [
            35,
            'No se informó al equipo de ventas del aplazamiento del correo de precios del tercer trimestre; tres gestores de cuentas ofrecieron la tarifa anterior.',
          ],
          [21, 'Faltó dos veces a la reunión semanal de lanzamientos sin enviar un informe por escrito.'],
          [
            9,
            'Una solicitud de revisión de textos del equipo de contenidos esperó cuatro días laborables sin respuesta.',
          ],
        ],
        requiredStandard:
          'Un informe de situación por escrito cada viernes sobre cada proyecto activo, respuesta a los compañeros en un máximo de una jornada laboral y asistencia o informe escrito en cada reunión diaria.',
        goal: (b, t) =>
          `Elevar la puntuación de la retroalimentación de compañeros sobre comunicación de ${b} a un mínimo de ${t}, publicando un informe de situación cada viernes y respondiendo a las solicitudes del equipo en una jornada laboral.`,
        measurement:
          'Encuesta anónima de retroalimentación de compañeros (escala de 1 a 5) cada cuatro semanas; asistencia a las reuniones y tiempos de respuesta registrados por el responsable.',
        successCriteria:
          'Una media de 4,0 o superior en las dos últimas encuestas y ningún informe de los viernes omitido en las seis semanas finales.',
        deadlineShare: 0.84,
      },
      {
        issue:
          'Los certificados de cursos y las facturas generados de forma masiva contienen errores de datos —nombres, fechas o importes incorrectos— en unos 7 a 9 de cada 100 documentos.',
        impact:
          'Los clientes tienen que pedir documentos corregidos: 46 incidencias de soporte el mes pasado y una solicitud de reembolso de un cliente corporativo.',
        examples: [
          [
            38,
            'Un lote de 1200 certificados del curso «Fundamentos de ingeniería de instrucciones» mostraba la fecha de finalización como fecha de inicio.',
          ],
          [24, '12 facturas del plan anual del SaaS indicaban el precio mensual.'],
          [6, 'Se publicó una actualización de plantilla sin el paso de revisión entre pares.'],
        ],
        requiredStandard:
          'Como máximo 2 errores por cada 100 documentos generados, con revisión entre pares y una comprobación de una muestra de 20 documentos antes de publicar cada lote.',
        goal: (b, t) =>
          `Reducir los errores de los documentos generados de ${b} a ${t} o menos por cada 100, aplicando la comprobación de muestra y la revisión entre pares en cada lote.`,
        measurement:
          'Errores por cada 100 documentos, según el registro de muestras de calidad y las incidencias etiquetadas como «error de documento».',
        successCriteria:
          'Una tasa de errores igual o inferior a 2 por cada 100 durante cuatro semanas consecutivas, con la lista de verificación registrada en cada lote.',
        deadlineShare: 0.75,
      },
      {
        issue:
          'Los materiales de campaña y los informes se entregan después del plazo acordado en más de un tercio de los casos, a menudo sin previo aviso.',
        impact:
          'Los retrasos reducen el tiempo de revisión de los equipos de diseño y jurídico y retrasaron una semana la promoción de primavera.',
        examples: [
          [
            33,
            'El informe mensual del embudo de ventas llegó con cinco días de retraso; la revisión de dirección se celebró sin él.',
          ],
          [
            19,
            'Los textos de la página de destino de la campaña de prueba gratuita llegaron la misma mañana del lanzamiento.',
          ],
          [4, 'Dos tareas del sprint figuraban como terminadas cuando seguían en curso.'],
        ],
        requiredStandard:
          'El 95 % de las tareas asignadas se entrega en la fecha acordada; cualquier riesgo para un plazo se comunica con al menos dos días laborables de antelación.',
        goal: (b, t) =>
          `Elevar las entregas en plazo de las tareas asignadas del ${b} a un mínimo del ${t}, avisando de cualquier riesgo con dos días laborables de antelación en el tablero del sprint.`,
        measurement: 'Tasa de entregas en plazo según el tablero del sprint, calculada cada dos semanas.',
        successCriteria:
          'Entregas en plazo iguales o superiores al 95 % durante las cuatro últimas semanas del plan, con todos los riesgos comunicados con antelación.',
        deadlineShare: 1,
      },
    ],
    metrics: [
      {
        name: 'Tasa de aprobación a la primera',
        unit: '%',
        direction: 'higher',
        baseline: [48, 60],
        target: 90,
        decimals: 0,
      },
      {
        name: 'Puntuación de los compañeros',
        unit: '/5',
        direction: 'higher',
        baseline: [2.5, 3.1],
        target: 4,
        decimals: 1,
      },
      {
        name: 'Errores por cada 100 documentos',
        unit: 'errores',
        direction: 'lower',
        baseline: [6.5, 9],
        target: 2,
        decimals: 1,
      },
      {
        name: 'Entregas en plazo',
        unit: '%',
        direction: 'higher',
        baseline: [58, 68],
        target: 95,
        decimals: 0,
      },
    ],
    measurementSources: [
      'Registro de control de calidad',
      'Encuesta entre compañeros',
      'Registro de muestras',
      'Tablero del sprint',
    ],
    mentor: {
      focusAreas:
        'Revisión del diseño de flujos, listas de verificación de calidad y planificación semanal de entregas',
      supportProvided:
        'Trabajo conjunto en dos flujos reales, revisión de los informes de situación y orientación para estimar tareas',
    },
    hr: {
      availability: 'De lunes a jueves, de 9:00 a 17:00; respuesta a los correos en una jornada laboral',
      supportAreas: 'Coordinación del plan, reserva de formación, bienestar y adaptaciones razonables',
      additionalResources:
        'Programa de asistencia al empleado, orientación profesional y biblioteca interna de formación',
    },
    training: {
      internal:
        'Editor de flujos avanzado (4 módulos), Redacción para lectores con poco tiempo, Fundamentos de calidad',
      external:
        'Jornada de talleres del Congreso de Automatización del Marketing; clases en directo de HubSpot Academy',
      online: 'Itinerarios de LinkedIn Learning sobre gestión de proyectos y redacción profesional',
      certification: 'Certificación de diseño avanzado de flujos (nota mínima: 80 %)',
    },
    expenses: [
      'Entrada a la jornada de talleres del congreso',
      'Curso en línea de redacción profesional',
      'Tasa del examen de certificación',
    ],
    evidence: [
      'Certificado cargado en la plataforma de formación',
      'Asistencia confirmada por la persona formadora',
      'Revisado con la mentora en la sesión semanal',
      'Lista de verificación en uso desde la semana 3',
    ],
    locations: ['Madrid, planta 2', 'Madrid, planta 4', 'Teletrabajo (Valencia)'],
    additional: {
      training_team: { email: 'formacion@aprendia.es', phone: '+34 910 123 401', url: null },
      it_support: { email: 'soporte.ti@aprendia.es', phone: '+34 910 123 402', url: null },
      employee_assistance: { email: null, phone: '900 123 456', url: 'https://pae.example.com/aprendia' },
      emergency: { email: 'seguridad@aprendia.es', phone: '+34 910 123 499', url: null },
    },
    resources: {
      training_platform: {
        url: 'https://formacion.aprendia.es',
        instructions: 'Acceda con su cuenta corporativa (inicio de sesión único)',
      },
      performance_tracking: {
        url: 'https://mejora.aprendia.es',
        instructions: 'Acceda con su cuenta corporativa y abra «Mi plan»',
      },
      documentation: {
        url: 'https://wiki.aprendia.es/pmr',
        instructions: 'Acceso de lectura para toda la plantilla',
      },
      support_portal: {
        url: 'https://ayuda.aprendia.es',
        instructions: 'Acceda con su cuenta corporativa y elija «Personas»',
      },
    },
    approvalComment: 'Se han revisado los ejemplos y las métricas con el responsable del empleado.',
  },
};

/** mulberry32: tiny, fast and good enough to vary sample data reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** Plain ASCII for e-mail addresses: "Íñigo O’Brien" becomes "inigo.obrien". */
const mailbox = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');

const clampDate = (date: string, min: string, max: string): string =>
  compareDates(date, min) < 0 ? min : compareDates(date, max) > 0 ? max : date;

const iso = (date: string, time: string): string => `${date}T${time}:00.000Z`;

export function samplePlan(options: SamplePlanOptions): PlanView {
  const { locale } = options;
  const seed = options.seed ?? 1;
  const isSigned = options.isSigned ?? false;
  const rng = random(seed * 2_654_435_761 + (locale === 'es' ? 7 : 0));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const between = (lo: number, hi: number): number => lo + rng() * (hi - lo);
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(rng() * 4)];
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };

  const copy = copies[locale];
  const template = defaultTemplate(locale);
  const otherTemplate = defaultTemplate(locale === 'en' ? 'es' : 'en');
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Four different people: a manager who is also the HR representative would make a misleading sample.
  const taken = new Set<string>();
  const person = (given?: string): string => {
    let name = given ?? `${pick(copy.firstNames)} ${pick(copy.lastNames)}`;
    while (taken.has(name)) name = `${pick(copy.firstNames)} ${pick(copy.lastNames)}`;
    taken.add(name);
    return name;
  };

  const employeeName = person(options.employeeName);
  const managerName = person();
  const hrRepName = person();
  const mentorName = person();
  const durationWeeks = seed % 5 === 0 ? 16 : seed % 7 === 0 ? 8 : 12;
  const startDate = addDays('2026-01-05', Math.floor(rng() * 52) * 7);
  const endDate = planEndDate(startDate, durationWeeks);
  // The plan is seen part-way through, so that some work is done and measured.
  const today = addDays(startDate, 7 * Math.max(2, Math.round(durationWeeks * between(0.45, 0.7))));
  const span = { startDate, endDate };

  const header: PlanHeader = {
    organizationName: copy.organization,
    employeeName,
    position: pick(copy.positions),
    department: pick(copy.departments),
    managerName,
    hrRepName,
    mentorName,
    mentorRole: pick(copy.mentorRoles),
  };
  const timeline = buildTimeline(template.timeline, startDate, durationWeeks);
  const content = buildPlanContent(template, header, timeline);

  const ids = {
    plan: uuid(),
    employee: uuid(),
    manager: uuid(),
    hr: uuid(),
    mentor: uuid(),
    employeeUser: uuid(),
  };

  const focusAreaIds = template.focusAreas.map(() => uuid());
  const metrics = copy.metrics.map((m, index) => {
    const baseline = round(between(m.baseline[0], m.baseline[1]), m.decimals);
    // Some metrics move fast, some lag: the document then shows every status.
    const pace = between(0.35, 1.25);
    const measurements: PlanView['metrics'][number]['measurements'] = [];
    for (let day = 7; compareDates(addDays(startDate, day), today) <= 0; day += 14) {
      const share = day / daysBetween(startDate, endDate);
      const noise = (rng() - 0.5) * 0.08 * Math.abs(m.target - baseline);
      measurements.push({
        id: uuid(),
        date: addDays(startDate, day),
        value: round(
          baseline + (m.target - baseline) * Math.min(1.05, share * pace * 1.4) + noise,
          m.decimals,
        ),
        source: copy.measurementSources[index],
        note: null,
      });
    }
    const evaluation = evaluateMetric(
      { direction: m.direction, baseline, target: m.target, measurements },
      span,
      today,
    );
    return {
      id: uuid(),
      focusAreaId: focusAreaIds[index],
      position: index,
      name: m.name,
      unit: m.unit,
      direction: m.direction,
      baseline,
      target: m.target,
      ...evaluation,
      measurements,
    };
  });

  const withUnit = (value: number, unit: string): string =>
    unit === '%'
      ? locale === 'es'
        ? `${numbers.format(value)} %`
        : `${numbers.format(value)}%`
      : numbers.format(value);

  const focusAreas: PlanView['focusAreas'] = template.focusAreas.map((area, index) => {
    const text = copy.areas[index];
    const metric = metrics[index];
    const deadline = clampDate(
      addDays(startDate, Math.round(text.deadlineShare * durationWeeks) * 7 - 1),
      startDate,
      endDate,
    );
    const goal = text.goal(withUnit(metric.baseline, metric.unit), withUnit(metric.target, metric.unit));
    const findings = checkSmart(
      {
        title: area.title,
        issue: text.issue,
        goal,
        measurement: text.measurement,
        deadline,
        successCriteria: text.successCriteria,
      },
      {
        prompts: [area, otherTemplate.focusAreas[index]],
        metrics: [
          {
            evaluation: metric,
            direction: metric.direction,
            baseline: metric.baseline,
            target: metric.target,
          },
        ],
        startDate,
        endDate,
        locale,
      },
    );
    return {
      id: focusAreaIds[index],
      position: index,
      templateKey: area.key,
      title: area.title,
      goalTitle: area.goalTitle,
      issue: text.issue,
      impact: text.impact,
      examples: text.examples.map(([daysBefore, example]) => ({
        date: addDays(startDate, -daysBefore),
        text: example,
      })),
      requiredStandard: text.requiredStandard,
      goal,
      measurement: text.measurement,
      deadline,
      successCriteria: text.successCriteria,
      metricIds: [metric.id],
      smart: { findings, isSmart: findings.every((f) => f.severity !== 'error') },
    };
  });

  const elapsed = daysBetween(startDate, today) / daysBetween(startDate, endDate);
  const activities: PlanView['activities'] = [];
  for (const group of template.development.groups) {
    for (const section of group.sections) {
      for (const title of section.items) {
        const position = activities.length;
        const dueDate = addDays(startDate, 7 * (1 + (position % Math.max(1, durationWeeks - 1))) + 4);
        const overdue = compareDates(dueDate, today) <= 0;
        const roll = rng();
        const status = overdue ? (roll < 0.8 ? 'done' : 'in_progress') : roll < 0.2 ? 'in_progress' : 'todo';
        const completedAt =
          status === 'done'
            ? iso(clampDate(addDays(dueDate, -Math.floor(rng() * 4)), startDate, today), '16:30')
            : null;
        activities.push({
          id: uuid(),
          position,
          groupKey: group.key,
          section: section.title,
          title,
          dueDate,
          status,
          evidence: status === 'done' ? pick(copy.evidence) : null,
          completedAt,
        });
      }
    }
  }

  const expenseCount = 1 + Math.floor(elapsed * 3);
  const expenses = copy.expenses.slice(0, expenseCount).map((description, i) => ({
    id: uuid(),
    date: addDays(startDate, 10 + i * 15),
    description,
    amount: round(between(90, 420), 2),
  }));
  const budgetTotal = content.support.trainingBudget;
  const spent = round(
    expenses.reduce((s, e) => s + e.amount, 0),
    2,
  );

  const email = (name: string): string => `${mailbox(name)}@${copy.domain}`;
  const phone = (): string =>
    locale === 'es'
      ? `+34 6${Math.floor(between(10, 99))} ${Math.floor(between(100, 999))} ${Math.floor(between(100, 999))}`
      : `+44 7700 ${Math.floor(between(900000, 999999))}`;
  const directoryContact = (key: string, label: string, name: string): PlanView['contacts'][number] => ({
    id: uuid(),
    kind: 'contact',
    key,
    position: 0,
    label,
    name,
    email: email(name),
    phone: phone(),
    location: pick(copy.locations),
    url: null,
    instructions: null,
    source: 'directory',
  });
  const h = template.headings;
  const contacts: PlanView['contacts'] = [
    directoryContact('manager', h.manager, managerName),
    directoryContact('hr', h.hrRepresentative, hrRepName),
    directoryContact('mentor', h.mentor, mentorName),
    ...template.contacts.additional.map((c): PlanView['contacts'][number] => ({
      id: uuid(),
      kind: 'contact',
      key: c.key,
      position: 0,
      label: c.label,
      name: null,
      email: copy.additional[c.key]?.email ?? null,
      phone: copy.additional[c.key]?.phone ?? null,
      location: null,
      url: copy.additional[c.key]?.url ?? null,
      instructions: null,
      source: 'organization',
    })),
  ].map((c, position) => ({ ...c, position }));
  const resources: PlanView['resources'] = template.contacts.resources.map((r, position) => ({
    id: uuid(),
    kind: 'resource',
    key: r.key,
    position,
    label: r.label,
    name: null,
    email: null,
    phone: null,
    location: null,
    url: copy.resources[r.key]?.url ?? null,
    instructions: copy.resources[r.key]?.instructions ?? null,
    source: 'organization',
  }));

  const successCriteria: PlanView['successCriteria'] = template.successCriteria.map((text, position) => {
    const isMet = position < 2 && rng() < elapsed;
    return {
      id: uuid(),
      position,
      text,
      isMet,
      checkedByName: isMet ? managerName : null,
      checkedAt: isMet ? iso(today, '11:00') : null,
    };
  });

  const version = 2;
  const documentHash = createHash('sha256').update(`${ids.plan}:${version}`).digest('hex');
  const ack = template.acknowledgment;
  const signers = [
    {
      role: 'employee' as const,
      userId: ids.employeeUser,
      name: employeeName,
      clauses: ack.employee.clauses,
    },
    { role: 'manager' as const, userId: ids.manager, name: managerName, clauses: ack.manager.clauses },
    { role: 'hr' as const, userId: ids.hr, name: hrRepName, clauses: ack.hr.clauses },
  ];
  const signatures: PlanView['signatures'] = isSigned
    ? signers.map((s, i) => ({
        id: uuid(),
        role: s.role,
        userId: s.userId,
        signerName: s.name,
        typedName: s.name,
        clauses: s.clauses.map((c) => c.id),
        version,
        documentHash,
        isCurrent: true,
        isRefused: false,
        response: null,
        witnessName: null,
        witnessStatement: null,
        witnessedAt: null,
        signedAt: iso(addDays(startDate, -1), `${10 + i}:${String(5 + i * 12).padStart(2, '0')}`),
      }))
    : [];

  const groups = template.development.groups.map((g) => {
    const own = activities.filter((a) => a.groupKey === g.key);
    return {
      key: g.key,
      title: g.title,
      done: own.filter((a) => a.status === 'done').length,
      total: own.length,
    };
  });

  const { support } = content;
  // A deep copy: the template's texts are frozen and callers (tests, the demo) adjust the sample freely.
  return structuredClone<PlanView>({
    id: ids.plan,
    status: isSigned ? 'active' : 'awaiting_acknowledgment',
    locale,
    version,
    revision: 1,
    templateId: template.id,
    templateVersion: template.version,
    title: content.title,
    subtitle: content.subtitle,
    headings: { ...content.headings },
    header: {
      organizationName: copy.organization,
      employeeId: ids.employee,
      employeeName,
      position: header.position,
      department: header.department,
      managerUserId: ids.manager,
      managerName,
      hrRepUserId: ids.hr,
      hrRepName,
      mentorUserId: ids.mentor,
      mentorName,
      startDate,
      endDate,
      durationWeeks,
      reviewPeriod: reviewPeriod(startDate, endDate),
      nextReviewDate: nextReviewDate(startDate, endDate, today),
      createdByName: hrRepName,
      createdAt: iso(addDays(startDate, -6), '09:12'),
      pausedAt: null,
    },
    overview: content.overview,
    issuesIntro: content.issuesIntro,
    goalsIntro: content.goalsIntro,
    focusAreas,
    metrics,
    smart: content.smart,
    activities,
    development: { groups },
    support: {
      manager: support.manager,
      managerCheckIn: support.managerCheckIn,
      mentor: {
        name: mentorName,
        meetingFrequency: support.mentor.meetingFrequency,
        focusAreas: copy.mentor.focusAreas,
        supportProvided: copy.mentor.supportProvided,
        session: support.mentor.session,
      },
      hr: { name: hrRepName, ...copy.hr },
      training: copy.training,
      budget: {
        total: budgetTotal,
        spent,
        remaining: round(budgetTotal - spent, 2),
        currency: support.currency,
        expenses,
      },
      hoursPerWeek: support.hoursPerWeek,
    },
    timeline: content.timeline,
    tracking: content.tracking,
    successCriteria,
    responsibilities: content.responsibilities,
    additionalResources: content.additionalResources,
    documentation: content.documentation,
    guidance: content.guidance,
    contacts,
    resources,
    acknowledgmentClauses: {
      employee: ack.employee.clauses,
      manager: ack.manager.clauses,
      hr: ack.hr.clauses,
    },
    acknowledgmentIntros: { employee: ack.employee.intro, manager: ack.manager.intro, hr: ack.hr.intro },
    approvals: [
      {
        role: 'manager',
        userId: ids.manager,
        name: managerName,
        comment: null,
        createdAt: iso(addDays(startDate, -4), '14:20'),
      },
      {
        role: 'hr',
        userId: ids.hr,
        name: hrRepName,
        comment: copy.approvalComment,
        createdAt: iso(addDays(startDate, -3), '10:45'),
      },
    ],
    signatures,
    review: content.review,
    completion: content.completion,
    outcome: null,
    confidentialityNotice: content.confidentialityNotice,
    consequences: content.consequences ?? '',
    procedure: {
      priorConversation: {
        date: addDays(startDate, -7),
        participants: `${header.managerName ?? ''}, ${header.employeeName}`,
        summary: 'The issues and examples of this plan were discussed in a one-to-one meeting.',
      },
      preferredLanguage: locale,
      accommodation: { status: 'none', details: '' },
      noMentorReason: '',
    },
    responses: [],
    appeals: [],
    allowedActions: isSigned ? ['pause', 'extend', 'close'] : ['sign', 'edit'],
    permissions: {
      canEdit: !isSigned,
      canUpdateActivities: true,
      canRecordProgress: true,
      canReadAudit: true,
      canSignAs: isSigned ? [] : ['hr'],
    },
  });
}
