// The dossier: the signed plan, then its whole record (versions, adjustments, check-ins, measurements, feedback,
// responses, outcome, signature certificate, audit trail) in one PDF that embeds the canonical JSON it was made from.
import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { canonicalJson, sha256 } from '../domain/audit/canonical-json.ts';
import type { ChainedEvent } from '../domain/audit/chain.ts';
import type { CheckInType } from '../domain/plan/check-ins.ts';
import type { PlanOutcome } from '../domain/plan/plan.ts';
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import { isSignatureCurrent } from '../domain/plan/signatures.ts';
import type { Locale } from '../domain/template/template.ts';
import { appendTaggedPages } from './append-tagged-pages.ts';
import { changeSentence, eventSentence } from './audit-sentences.ts';
import { xmpPacket } from './pdf-archive.ts';
import { documentWords, renderPlanPdf } from './plan-pdf.ts';
import type { DocumentExtras } from './printable.ts';
import {
  type CheckInStatus,
  checkInWords,
  openReport,
  type ReportWriter,
  reportColor,
  stampPages,
} from './progress-report-pdf.ts';
import { acceptedWarnings, warningName } from './readiness-acceptances.ts';
import { type PdfSigningOptions, signPdfDocument } from './signing/sign-pdf.ts';

export const dossierFormat = 'mejora.dossier/1';
/** The name of the embedded record inside the PDF. */
export const dossierAttachmentName = 'dossier.json';

type Role = 'employee' | 'manager' | 'hr';

/** Everything the dossier states, as data: embedded as canonical JSON, and the source of the appendix pages. */
export type DossierRecord = {
  format: typeof dossierFormat;
  generatedAt: string;
  generatedByName: string;
  organization: { id: string; name: string };
  plan: {
    id: string;
    status: PlanReadModel['status'];
    locale: Locale;
    version: number;
    /** The version of the last major change: signatures of earlier versions no longer count. */
    majorVersion: number;
    /** The version whose text the plan pages show: the one signed, else the current one. */
    shownVersion: number;
    employeeName: string;
    position: string;
    department: string;
    managerName: string | null;
    hrRepName: string | null;
    startDate: string;
    endDate: string;
    createdAt: string;
    closedAt: string | null;
  };
  versions: {
    version: number;
    documentHash: string;
    reason: string | null;
    createdAt: string;
    createdByName: string | null;
    /** The version's canonical document, kept for the versions that were signed or are shown. */
    snapshot: Record<string, unknown> | null;
  }[];
  adjustments: {
    kind: 'minor' | 'major' | 'pause';
    status: 'pending' | 'approved' | 'rejected' | 'applied';
    reason: string;
    summary: unknown[];
    proposedByName: string | null;
    decidedByName: string | null;
    decisionReason: string | null;
    fromVersion: number;
    toVersion: number | null;
    createdAt: string;
    decidedAt: string | null;
  }[];
  signatures: {
    role: Role;
    signerName: string;
    typedName: string | null;
    version: number;
    documentHash: string;
    clauses: string[];
    isRefused: boolean;
    response: string | null;
    witnessName: string | null;
    witnessStatement: string | null;
    witnessedAt: string | null;
    ip: string | null;
    userAgent: string | null;
    signedAt: string;
  }[];
  /** Held, missed and scheduled meetings; never their private notes. */
  checkIns: {
    type: CheckInType;
    status: CheckInStatus;
    scheduledAt: string;
    heldAt: string | null;
    durationMinutes: number;
    attendees: string[];
    notes: string | null;
    employeeComments: string | null;
    ratings: { focusArea: string; rating: number; status: string }[];
    overallRating: number | null;
    summary: string | null;
    actionItems: { text: string; dueDate: string | null; isDone: boolean }[];
    reason: string | null;
  }[];
  measurements: {
    metric: string;
    unit: string;
    date: string;
    value: number;
    source: string | null;
    note: string | null;
  }[];
  /** The giver's name is null when they answered anonymously; emails are never kept. */
  feedback: {
    kind: 'peer' | 'customer';
    giverName: string | null;
    isAnonymous: boolean;
    status: 'pending' | 'answered' | 'expired';
    requestedAt: string;
    answeredAt: string | null;
    answers: { questionId: string; question: string; rating: number | null; comment: string | null }[];
  }[];
  comments: { authorName: string; kind: 'comment' | 'response'; body: string; createdAt: string }[];
  outcome: PlanOutcome | null;
  audit: {
    /** Every event of the plan's chain with the fields its hash covers, plus the actor's name (not hashed). */
    events: (ChainedEvent & { hash: string; actorName: string | null })[];
    head: { seq: number; hash: string } | null;
  };
};

const words = {
  en: {
    appendix: 'Plan record',
    appendixIntro:
      'This appendix completes the plan above with its record. The data it shows is embedded in this PDF as ' +
      'canonical JSON (dossier.json), and the whole file is digitally signed by the organisation.',
    summary: {
      plan: 'Plan',
      employee: 'Employee',
      status: 'Status',
      shown: 'Version shown',
      current: 'Current version',
      generated: 'Generated',
      by: 'By',
      record: 'Record SHA-256',
    },
    versions: 'Versions',
    version: 'Version',
    date: 'Date',
    createdBy: 'By',
    reason: 'Reason',
    hash: 'Document hash',
    versionHash: 'Document hash (first 16)',
    adjustments: 'Adjustments',
    noAdjustments: 'No adjustments were proposed.',
    kind: { minor: 'Minor', major: 'Major', pause: 'Pause' },
    adjustmentStatus: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', applied: 'Applied' },
    proposedBy: 'Proposed by',
    decision: 'Decision',
    changes: 'Changes',
    firstVersion: 'The plan was created',
    checkIns: 'Check-ins',
    noCheckIns: 'No check-ins were recorded.',
    attendees: 'Attendees',
    notes: 'Notes',
    employeeComments: 'Employee comments',
    ratings: 'Ratings',
    overallRating: 'Overall rating',
    summaryLabel: 'Summary',
    actionItems: 'Action items',
    measurements: 'Measurements',
    noMeasurements: 'No measurements were recorded.',
    metric: 'Metric',
    value: 'Value',
    source: 'Source',
    note: 'Note',
    feedback: 'Feedback',
    noFeedback: 'No feedback was requested.',
    anonymous: 'Anonymous',
    feedbackKind: { peer: 'Peer feedback', customer: 'Customer feedback' },
    feedbackStatus: { pending: 'Not answered yet', answered: 'Answered', expired: 'Expired unanswered' },
    requested: 'Requested',
    answered: 'Answered',
    responses: 'Employee responses and comments',
    noComments: 'No responses or comments were written.',
    acceptances: 'Readiness warnings accepted by HR',
    acceptancesIntro:
      'Before the plan was sent, the readiness check raised these warnings and HR accepted each with a written ' +
      'reason instead of changing the plan.',
    noAcceptances: 'HR accepted no readiness warning: the plan was sent without one.',
    acceptedBy: 'Accepted by',
    eventReference: 'Audit event',
    commentKind: { comment: 'Comment', response: 'Written response' },
    outcome: 'Outcome',
    noOutcome: 'The plan has no outcome yet.',
    decidedBy: 'Decided by',
    nextSteps: 'Completion steps',
    certificate: 'Signature certificate',
    certificateIntro:
      'Each signature binds its signer to one version of the plan through that version’s SHA-256 document hash.',
    noSignatures: 'Nobody has signed this plan.',
    role: { employee: 'Employee', manager: 'Manager', hr: 'HR' },
    signer: 'Signer',
    typedName: 'Typed name',
    signedAt: 'Signed at',
    ip: 'IP address',
    userAgent: 'User agent',
    refused: 'Refused to sign',
    response: 'Response',
    witness: 'Witness',
    matches: 'Matches the version',
    yes: 'yes',
    no: 'NO',
    superseded: 'superseded by a later major change',
    recordHeading: 'This record',
    embedded: 'Embedded file',
    recordHash: 'SHA-256 of the embedded record',
    pdfSigner: 'PDF signed by',
    auditTrail: 'Audit trail',
    seq: '#',
    time: 'Time',
    action: 'Action',
    actor: 'By',
    chainHead: 'Chain head',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    event: 'Event',
    reference: 'Hash (first 12)',
    auditIntro:
      'Each event of the plan, in order. Its reference is the start of the event’s SHA-256 hash; the whole hash ' +
      'and the chain it belongs to are in the embedded record, which `mejora dossier verify` checks.',
  },
  es: {
    appendix: 'Expediente del plan',
    appendixIntro:
      'Este anexo completa el plan anterior con su expediente. Los datos que muestra van incrustados en este PDF ' +
      'como JSON canónico (dossier.json) y el archivo completo está firmado digitalmente por la organización.',
    summary: {
      plan: 'Plan',
      employee: 'Empleado/a',
      status: 'Estado',
      shown: 'Versión mostrada',
      current: 'Versión actual',
      generated: 'Generado',
      by: 'Por',
      record: 'SHA-256 del expediente',
    },
    versions: 'Versiones',
    version: 'Versión',
    date: 'Fecha',
    createdBy: 'Por',
    reason: 'Motivo',
    hash: 'Hash del documento',
    versionHash: 'Hash del documento (16 primeros)',
    adjustments: 'Ajustes',
    noAdjustments: 'No se propusieron ajustes.',
    kind: { minor: 'Menor', major: 'Mayor', pause: 'Pausa' },
    adjustmentStatus: {
      pending: 'Pendiente',
      approved: 'Aprobado',
      rejected: 'Rechazado',
      applied: 'Aplicado',
    },
    proposedBy: 'Propuesto por',
    decision: 'Decisión',
    changes: 'Cambios',
    firstVersion: 'Se creó el plan',
    checkIns: 'Reuniones de seguimiento',
    noCheckIns: 'No se registraron reuniones.',
    attendees: 'Asistentes',
    notes: 'Notas',
    employeeComments: 'Comentarios del empleado/a',
    ratings: 'Valoraciones',
    overallRating: 'Valoración global',
    summaryLabel: 'Resumen',
    actionItems: 'Acciones acordadas',
    measurements: 'Mediciones',
    noMeasurements: 'No se registraron mediciones.',
    metric: 'Métrica',
    value: 'Valor',
    source: 'Fuente',
    note: 'Nota',
    feedback: 'Opiniones',
    noFeedback: 'No se pidieron opiniones.',
    anonymous: 'Anónimo',
    feedbackKind: { peer: 'Opinión de un compañero/a', customer: 'Opinión de un cliente' },
    feedbackStatus: {
      pending: 'Sin respuesta aún',
      answered: 'Respondida',
      expired: 'Caducada sin respuesta',
    },
    requested: 'Pedida',
    answered: 'Respondida',
    responses: 'Respuestas y comentarios del empleado/a',
    noComments: 'No hay respuestas ni comentarios.',
    acceptances: 'Advertencias de la comprobación previa aceptadas por RR. HH.',
    acceptancesIntro:
      'Antes de enviar el plan, la comprobación previa señaló estas advertencias y RR. HH. aceptó cada una con un ' +
      'motivo por escrito en lugar de cambiar el plan.',
    noAcceptances:
      'RR. HH. no aceptó ninguna advertencia de la comprobación previa: el plan se envió sin ninguna.',
    acceptedBy: 'Aceptada por',
    eventReference: 'Evento de auditoría',
    commentKind: { comment: 'Comentario', response: 'Respuesta escrita' },
    outcome: 'Resultado',
    noOutcome: 'El plan aún no tiene resultado.',
    decidedBy: 'Decidido por',
    nextSteps: 'Pasos de cierre',
    certificate: 'Certificado de firmas',
    certificateIntro:
      'Cada firma vincula a quien firma con una versión del plan mediante el hash SHA-256 de esa versión.',
    noSignatures: 'Nadie ha firmado este plan.',
    role: { employee: 'Empleado/a', manager: 'Responsable', hr: 'RR. HH.' },
    signer: 'Firmante',
    typedName: 'Nombre escrito',
    signedAt: 'Firmado el',
    ip: 'Dirección IP',
    userAgent: 'Navegador',
    refused: 'Se negó a firmar',
    response: 'Respuesta',
    witness: 'Testigo',
    matches: 'Coincide con la versión',
    yes: 'sí',
    no: 'NO',
    superseded: 'sustituida por un cambio mayor posterior',
    recordHeading: 'Este expediente',
    embedded: 'Archivo incrustado',
    recordHash: 'SHA-256 del expediente incrustado',
    pdfSigner: 'PDF firmado por',
    auditTrail: 'Registro de auditoría',
    seq: 'n.º',
    time: 'Hora',
    action: 'Acción',
    actor: 'Por',
    chainHead: 'Cabeza de la cadena',
    page: (page: number, pages: number) => `Página ${page} de ${pages}`,
    event: 'Evento',
    reference: 'Hash (12 primeros)',
    auditIntro:
      'Cada evento del plan, en orden. Su referencia es el comienzo del hash SHA-256 del evento; el hash completo ' +
      'y la cadena a la que pertenece están en el expediente incrustado, que `mejora dossier verify` comprueba.',
  },
} as const;

type Words = (typeof words)[Locale];

type Context = {
  w: ReportWriter;
  record: DossierRecord;
  t: Words;
  format: ReturnType<typeof documentWords>;
};

function summarySection(c: Context, recordHash: string): void {
  const { w, record, t, format } = c;
  w.title(t.appendix, `${record.plan.employeeName} · ${record.organization.name}`);
  w.paragraph(t.appendixIntro, { fill: reportColor.muted });
  const rows: [string, string][] = [
    [t.summary.plan, record.plan.id],
    [t.summary.employee, `${record.plan.employeeName} · ${record.plan.position} · ${record.plan.department}`],
    [t.summary.status, format.planStatus[record.plan.status]],
    [t.summary.shown, String(record.plan.shownVersion)],
    [t.summary.current, String(record.plan.version)],
    [t.summary.generated, format.dateTime(record.generatedAt)],
    [t.summary.by, record.generatedByName],
    [t.summary.record, recordHash],
  ];
  w.table(
    [
      { title: '', width: 150 },
      { title: '', width: 345 },
    ],
    rows.map(([label, value]) => [{ text: label, bold: true, color: reportColor.primary }, value]),
    { isHeaderless: true },
  );
}

/** Why a version exists, in words: its stated reason, else the event that made it. */
function versionReason(c: Context, v: DossierRecord['versions'][number]): string {
  const { record } = c;
  if (v.reason && v.reason !== 'created') return v.reason;
  const made = [...record.audit.events]
    .reverse()
    .find((e) => e.digest?.version === v.version && e.digest?.documentHash === v.documentHash);
  if (made) return eventSentence(made, record.plan.locale, record.adjustments);
  return v.version === 1 ? c.t.firstVersion : '—';
}

function versionsSection(c: Context): void {
  const { w, record, t, format } = c;
  w.h1(t.versions, 60);
  w.table(
    [
      { title: t.version, width: 45 },
      { title: t.date, width: 90 },
      { title: t.createdBy, width: 90 },
      { title: t.reason, width: 130 },
      { title: t.versionHash, width: 140 },
    ],
    record.versions.map((v) => [
      { text: String(v.version), bold: v.version === record.plan.shownVersion },
      format.dateTime(v.createdAt),
      v.createdByName ?? '—',
      versionReason(c, v),
      v.documentHash.slice(0, 16),
    ]),
  );
  w.h1(t.adjustments, 60);
  if (record.adjustments.length === 0) w.paragraph(t.noAdjustments, { fill: reportColor.muted });
  for (const a of record.adjustments) {
    w.h2(`${format.dateTime(a.createdAt)} · ${t.kind[a.kind]} · ${t.adjustmentStatus[a.status]}`);
    w.labelled(t.reason, a.reason);
    w.labelled(t.proposedBy, a.proposedByName ?? '—');
    if (a.decidedByName || a.decisionReason) {
      const when = a.decidedAt ? ` (${format.dateTime(a.decidedAt)})` : '';
      w.labelled(t.decision, `${a.decidedByName ?? '—'}${when}: ${a.decisionReason ?? '—'}`);
    }
    w.labelled(t.version, `${a.fromVersion} → ${a.toVersion ?? '—'}`);
    if (a.summary.length) {
      w.labelled(t.changes, a.summary.map((x) => changeSentence(x, record.plan.locale)).join('; '));
    }
  }
}

/** Each warning HR accepted instead of changing the plan: which, why (HR's own words), who and when. */
function acceptancesSection(c: Context): void {
  const { w, record, t, format } = c;
  const locale = record.plan.locale;
  const accepted = acceptedWarnings(record.audit.events);
  w.h1(t.acceptances, 60);
  if (accepted.length === 0) {
    w.paragraph(t.noAcceptances, { fill: reportColor.muted });
    return;
  }
  w.paragraph(t.acceptancesIntro, { fill: reportColor.muted });
  for (const a of accepted) {
    w.h2(warningName(a.code, locale));
    w.labelled(t.reason, a.reason || '—');
    w.labelled(t.acceptedBy, `${a.acceptedByName ?? '—'}, ${format.dateTime(a.at)}`);
    w.labelled(t.eventReference, a.hash.slice(0, 12));
  }
}

function checkInsSection(c: Context): void {
  const { w, record, t, format } = c;
  const names = checkInWords[record.plan.locale];
  w.h1(t.checkIns, 60);
  const shown = record.checkIns.filter((x) => x.status !== 'scheduled');
  if (shown.length === 0) w.paragraph(t.noCheckIns, { fill: reportColor.muted });
  for (const x of shown) {
    w.h2(`${format.dateTime(x.heldAt ?? x.scheduledAt)} · ${names.type[x.type]} · ${names.status[x.status]}`);
    if (x.reason) w.labelled(t.reason, x.reason);
    if (x.attendees.length) w.labelled(t.attendees, x.attendees.join(', '));
    if (x.notes) w.labelled(t.notes, x.notes);
    if (x.ratings.length)
      w.labelled(t.ratings, x.ratings.map((r) => `${r.focusArea}: ${r.rating}/5`).join('; '));
    if (x.overallRating !== null) w.labelled(t.overallRating, `${x.overallRating}/5`);
    if (x.summary) w.labelled(t.summaryLabel, x.summary);
    if (x.employeeComments) w.labelled(t.employeeComments, x.employeeComments);
    if (x.actionItems.length) {
      w.labelled(
        t.actionItems,
        x.actionItems
          .map((a) => `${a.isDone ? '✓' : '○'} ${a.text}${a.dueDate ? ` (${format.date(a.dueDate)})` : ''}`)
          .join('; '),
      );
    }
  }
}

function measurementsSection(c: Context): void {
  const { w, record, t, format } = c;
  w.h1(t.measurements, 60);
  if (record.measurements.length === 0) {
    w.paragraph(t.noMeasurements, { fill: reportColor.muted });
    return;
  }
  w.table(
    [
      { title: t.date, width: 70 },
      { title: t.metric, width: 140 },
      { title: t.value, width: 70, align: 'right' },
      { title: t.source, width: 90 },
      { title: t.note, width: 125 },
    ],
    record.measurements.map((m) => [
      format.date(m.date),
      m.metric,
      format.value(m.value, m.unit),
      m.source ?? '',
      m.note ?? '',
    ]),
  );
}

function feedbackSection(c: Context): void {
  const { w, record, t, format } = c;
  w.h1(t.feedback, 60);
  if (record.feedback.length === 0) w.paragraph(t.noFeedback, { fill: reportColor.muted });
  for (const f of record.feedback) {
    const giver = f.isAnonymous || f.giverName === null ? t.anonymous : f.giverName;
    w.h2(`${t.feedbackKind[f.kind]} · ${giver} · ${t.feedbackStatus[f.status]}`);
    w.labelled(t.requested, format.dateTime(f.requestedAt));
    if (f.answeredAt) w.labelled(t.answered, format.dateTime(f.answeredAt));
    for (const a of f.answers) {
      const parts = [a.rating === null ? null : `${a.rating}/5`, a.comment].filter(Boolean);
      w.labelled(a.question, parts.join(' — ') || '—', { indent: 10 });
    }
  }
}

function responsesSection(c: Context): void {
  const { w, record, t, format } = c;
  w.h1(t.responses, 60);
  const refusals = record.signatures.filter((s) => s.isRefused && s.response);
  if (record.comments.length === 0 && refusals.length === 0)
    w.paragraph(t.noComments, { fill: reportColor.muted });
  for (const s of refusals) {
    w.h2(`${format.dateTime(s.signedAt)} · ${s.signerName} · ${t.refused}`);
    w.paragraph(s.response ?? '');
  }
  for (const comment of record.comments) {
    w.h2(`${format.dateTime(comment.createdAt)} · ${comment.authorName} · ${t.commentKind[comment.kind]}`);
    w.paragraph(comment.body);
  }
}

function outcomeSection(c: Context): void {
  const { w, record, t, format } = c;
  w.h1(t.outcome, 60);
  const outcome = record.outcome;
  if (!outcome) {
    w.paragraph(t.noOutcome, { fill: reportColor.muted });
    return;
  }
  w.h2(format.outcomes[outcome.outcome]);
  w.paragraph(outcome.summary);
  for (const area of outcome.areaSummaries) w.labelled(area.title, area.summary);
  if (outcome.reason) w.labelled(t.reason, outcome.reason);
  if (outcome.completionSteps.length) {
    w.labelled(
      t.nextSteps,
      outcome.completionSteps.map((s) => `${s.isDone ? '✓' : '○'} ${s.text}`).join('; '),
    );
  }
  w.labelled(t.decidedBy, `${outcome.decidedByName}, ${format.dateTime(outcome.decidedAt)}`);
}

function certificateSection(c: Context, recordHash: string, pdfSigner: string | null): void {
  const { w, record, t, format } = c;
  w.doc.addPage();
  w.h1(t.certificate, 80);
  w.paragraph(t.certificateIntro, { fill: reportColor.muted });
  if (record.signatures.length === 0) w.paragraph(t.noSignatures);
  const hashOf = new Map(record.versions.map((v) => [v.version, v.documentHash]));
  for (const s of record.signatures) {
    const matches = hashOf.get(s.version) === s.documentHash;
    const current = isSignatureCurrent(s, record.plan.majorVersion) ? '' : ` (${t.superseded})`;
    w.h2(`${t.role[s.role]}: ${s.signerName}${s.isRefused ? ` — ${t.refused}` : ''}`, 110);
    const rows: [string, string][] = [
      [t.signer, s.signerName],
      ...(s.typedName ? ([[t.typedName, s.typedName]] as [string, string][]) : []),
      [t.signedAt, format.dateTime(s.signedAt)],
      [t.ip, s.ip ?? '—'],
      [t.userAgent, s.userAgent ?? '—'],
      [t.version, `${s.version}${current}`],
      [t.hash, s.documentHash],
      [t.matches, matches ? t.yes : t.no],
    ];
    if (s.isRefused) rows.push([t.response, s.response ?? '—']);
    if (s.witnessName) {
      rows.push([
        t.witness,
        `${s.witnessName}${s.witnessedAt ? `, ${format.dateTime(s.witnessedAt)}` : ''}: ${s.witnessStatement ?? ''}`,
      ]);
    }
    w.table(
      [
        { title: '', width: 130 },
        { title: '', width: 365 },
      ],
      rows.map(([label, value]) => [
        { text: label, bold: true, color: reportColor.primary },
        label === t.matches && !matches ? { text: value, bold: true, color: reportColor.bad } : value,
      ]),
      { isHeaderless: true },
    );
  }
  w.h2(t.recordHeading, 60);
  const rows: [string, string][] = [
    [t.embedded, dossierAttachmentName],
    [t.recordHash, recordHash],
    ...(pdfSigner ? ([[t.pdfSigner, pdfSigner]] as [string, string][]) : []),
    ...(record.audit.head
      ? ([[t.chainHead, `#${record.audit.head.seq} ${record.audit.head.hash}`]] as [string, string][])
      : []),
  ];
  w.table(
    [
      { title: '', width: 130 },
      { title: '', width: 365 },
    ],
    rows.map(([label, value]) => [{ text: label, bold: true, color: reportColor.primary }, value]),
    { isHeaderless: true },
  );
}

function auditSection(c: Context): void {
  const { w, record, t, format } = c;
  w.doc.addPage();
  w.h1(t.auditTrail, 60);
  w.paragraph(t.auditIntro, { fill: reportColor.muted });
  w.table(
    [
      { title: t.seq, width: 24, align: 'right' },
      { title: t.time, width: 82 },
      { title: t.event, width: 299 },
      { title: t.reference, width: 90 },
    ],
    record.audit.events.map((e) => [
      String(e.seq),
      format.dateTime(e.at),
      eventSentence(e, record.plan.locale, record.adjustments),
      e.hash.slice(0, 12),
    ]),
  );
  if (record.audit.head) w.labelled(t.chainHead, `#${record.audit.head.seq} ${record.audit.head.hash}`);
}

/** The appendix pages alone, as a PDF. */
export async function renderDossierAppendix(
  record: DossierRecord,
  recordHash: string,
  options: {
    pdfSigner?: string | null;
    confidentialityNotice?: string;
    /** Where these pages sit in the whole file: after the plan's pages, numbered on from them. */
    numbering?: { before: number; total: number };
  } = {},
): Promise<Buffer> {
  const locale = record.plan.locale;
  const t = words[locale];
  const { doc, w, done } = openReport({
    title: `${t.appendix} — ${record.plan.employeeName}`,
    author: record.organization.name,
    subject: t.appendix,
    locale,
    tagged: true,
  });
  const c: Context = { w, record, t, format: documentWords(locale) };
  summarySection(c, recordHash);
  versionsSection(c);
  acceptancesSection(c);
  checkInsSection(c);
  measurementsSection(c);
  feedbackSection(c);
  responsesSection(c);
  outcomeSection(c);
  certificateSection(c, recordHash, options.pdfSigner ?? null);
  auditSection(c);
  w.endTags();
  stampPages(w, {
    header: `${record.organization.name} · ${t.appendix} · ${record.plan.employeeName}`,
    footer: options.confidentialityNotice ?? '',
    page: t.page,
    numbering: options.numbering,
  });
  doc.end();
  return done;
}

/**
 * Embeds the record as an associated file. Stored without compression, so the bytes in the PDF are the canonical
 * JSON itself: one changed byte is one changed character that the hash check names, not a stream that fails to
 * inflate. pdf-lib's `attach` always deflates, hence the few lines that mirror it here.
 */
function embedRecord(doc: PDFDocument, json: string, recordHash: string, at: Date): void {
  const bytes = Buffer.from(json, 'utf8');
  const { context } = doc;
  const stream = context.stream(bytes, {
    Type: 'EmbeddedFile',
    Subtype: 'application/json',
    Params: {
      Size: bytes.length,
      CheckSum: PDFHexString.of(createHash('md5').update(bytes).digest('hex')),
      CreationDate: PDFString.fromDate(at),
      ModDate: PDFString.fromDate(at),
    },
  });
  const fileSpec = context.register(
    context.obj({
      Type: 'Filespec',
      F: PDFString.of(dossierAttachmentName),
      UF: PDFHexString.fromText(dossierAttachmentName),
      EF: { F: context.register(stream) },
      Desc: PDFHexString.fromText(`Mejora dossier record (${dossierFormat}); SHA-256 ${recordHash}`),
      AFRelationship: 'Source',
    }),
  );
  const embeddedFiles = context.obj({ Names: [PDFHexString.fromText(dossierAttachmentName), fileSpec] });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  if (names) names.set(PDFName.of('EmbeddedFiles'), embeddedFiles);
  else doc.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: embeddedFiles }));
  doc.catalog.set(PDFName.of('AF'), context.obj([fileSpec]));
}

export type DossierPdfOptions = {
  /** Signs the dossier as the organisation; null leaves it unsigned (previews, tests of the layout). */
  signing: PdfSigningOptions | null;
  logo?: Buffer | null;
  /** The mentor's role and the employee's responses, printed on the plan pages. */
  extras?: DocumentExtras;
};

/** The dossier PDF: the plan as shown by `plan`, the appendix made from `record`, the record embedded, signed. */
export async function renderDossierPdf(
  plan: PlanReadModel,
  record: DossierRecord,
  options: DossierPdfOptions,
): Promise<Buffer> {
  const json = canonicalJson(record);
  const recordHash = sha256(json);
  const appendixOptions = {
    pdfSigner: options.signing ? options.signing.certificate.subject : null,
    confidentialityNotice: plan.confidentialityNotice,
  };
  // One page numbering through the whole file: the record's pages are counted first, the plan's pages are
  // numbered out of the total, then the record's pages are numbered on from the plan's.
  const recordPages = (
    await PDFDocument.load(await renderDossierAppendix(record, recordHash, appendixOptions))
  ).getPageCount();
  const planPdf = await renderPlanPdf(plan, {
    organizationName: record.organization.name,
    logo: options.logo ?? null,
    locale: record.plan.locale,
    extras: options.extras,
    pagesAfter: recordPages,
  });
  const doc = await PDFDocument.load(planPdf, { updateMetadata: false });
  const planPages = doc.getPageCount();
  const appendixPdf = await renderDossierAppendix(record, recordHash, {
    ...appendixOptions,
    numbering: { before: planPages, total: planPages + recordPages },
  });
  const appendix = await PDFDocument.load(appendixPdf, { updateMetadata: false });
  // Before signing: the signed bytes must hold the whole structure tree, the record's part of it too.
  await appendTaggedPages(doc, appendix, { title: words[record.plan.locale].appendix });
  const at = new Date(record.generatedAt);
  embedRecord(doc, json, recordHash, at);
  doc.setTitle(`${words[record.plan.locale].appendix} — ${record.plan.employeeName}`, {
    showInWindowTitleBar: true,
  });
  doc.setSubject(plan.title);
  doc.setAuthor(record.organization.name);
  doc.setKeywords(['Mejora', 'dossier', record.plan.id]);
  doc.setCreator('Mejora');
  doc.setProducer('Mejora');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  // PDF/A-3b: the plan's XMP described the plan; the dossier's describes the dossier, whose record is embedded.
  const xmp = xmpPacket({
    title: `${words[record.plan.locale].appendix} — ${record.plan.employeeName}`,
    author: record.organization.name,
    subject: plan.title,
    keywords: ['Mejora', 'dossier', record.plan.id].join(' '),
    creator: 'Mejora',
    producer: 'Mejora',
    createdAt: at,
    modifiedAt: at,
    part: 3,
  });
  const metadata = doc.context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(metadata));
  if (options.signing)
    return signPdfDocument(doc, { ...options.signing, signingTime: options.signing.signingTime ?? at });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
