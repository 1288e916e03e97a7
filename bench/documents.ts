// Benchmark of plan PDFs: pdfkit on one core and on every core, tagged and not, against printing HTML through Chromium.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { chromium } from 'playwright-core';
import type { PlanView } from '../src/contracts/plans.ts';
import { renderPlanPdf } from '../src/documents/plan-pdf.ts';
import { documentWords } from '../src/documents/words.ts';
import type { WorkerResult, WorkerTask } from './documents-worker.ts';
import { pageCount, planForSeed } from './documents-worker.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    'chromium-count': { type: 'string', default: '100' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'skip-chromium': { type: 'boolean', default: false },
    /** Internal: the phase a child process runs. */
    phase: { type: 'string' },
  },
});
const count = Number(args.count);
const chromiumCount = Math.min(count, Number(args['chromium-count']));
const workerCount = Math.max(1, Number(args.workers));
const warmup = Math.min(20, count);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The same plan as simple HTML, for the Chromium comparison: the same sections, tables and check lists. */
export function planHtml(plan: PlanView): string {
  const h = plan.headings;
  const words = documentWords(plan.locale);
  const e = escapeHtml;
  const items = (list: { label: string; text: string }[]): string =>
    `<ul>${list.map((i) => `<li><b>${e(i.label)}:</b> ${e(i.text)}</li>`).join('')}</ul>`;
  const checks = (list: { text: string; done: boolean }[]): string =>
    `<ul class="checks">${list.map((i) => `<li><span class="box${i.done ? ' done' : ''}"></span>${e(i.text)}</li>`).join('')}</ul>`;
  const table = (head: string[], rows: string[][]): string =>
    `<table><thead><tr>${head.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  const x = plan.header;
  const s = plan.support;
  const parts: string[] = [
    `<h1 class="title">${e(plan.title)}</h1><p class="subtitle">${e(plan.subtitle)}</p>`,
    table(
      ['', ''],
      [
        [h.employeeName, x.employeeName],
        [h.position, x.position],
        [h.department, x.department],
        [h.manager, x.managerName ?? ''],
        [h.hrRepresentative, x.hrRepName ?? ''],
        [h.startDate, words.date(x.startDate)],
        [h.endDate, words.date(x.endDate)],
        [h.reviewPeriod, `${x.reviewPeriod.weeks} ${words.weeks}`],
      ],
    ),
    `<h1>${e(h.overview)}</h1><h2>${e(h.purpose)}</h2><p>${e(plan.overview.purpose)}</p>`,
    `<h2>${e(h.philosophy)}</h2><p>${e(plan.overview.philosophyIntro)}</p>${items(plan.overview.philosophy)}`,
    `<h1>${e(h.issues)}</h1><h2>${e(h.primaryConcerns)}</h2><p>${e(plan.issuesIntro)}</p>`,
    ...plan.focusAreas.map(
      (a, i) =>
        `<h3>${i + 1}. ${e(a.title)}</h3>${items([
          { label: h.issue, text: a.issue },
          { label: h.impact, text: a.impact },
          ...a.examples.map((ex) => ({ label: words.date(ex.date), text: ex.text })),
          { label: h.requiredStandard, text: a.requiredStandard },
        ])}`,
    ),
    `<h2>${e(h.metrics)}</h2>`,
    table(
      [h.metric, h.baseline, h.current, h.required, h.gap, h.status],
      plan.metrics.map((m) => [
        m.name,
        words.value(m.baseline, m.unit),
        words.value(m.current, m.unit),
        words.value(m.target, m.unit),
        words.value(m.gap, m.unit),
        words.metricStatus[m.status],
      ]),
    ),
    `<h1>${e(h.goals)}</h1><h2>${e(h.primaryGoals)}</h2><p>${e(plan.goalsIntro)}</p>`,
    ...plan.focusAreas.map(
      (a, i) =>
        `<h3>${i + 1}. ${e(a.goalTitle)}</h3>${items([
          { label: h.goal, text: a.goal },
          { label: h.measurement, text: a.measurement },
          { label: h.deadline, text: words.date(a.deadline) },
          { label: h.successCriteria, text: a.successCriteria },
        ])}`,
    ),
    `<h2>${e(h.smart)}</h2><p>${e(plan.smart.intro)}</p>${items(plan.smart.criteria)}`,
    `<h1>${e(h.development)}</h1><h2>${e(h.trainingActivities)}</h2>`,
    ...plan.development.groups.map(
      (g) =>
        `<h3>${e(g.title)} (${g.done}/${g.total})</h3>${checks(
          plan.activities
            .filter((a) => a.groupKey === g.key)
            .map((a) => ({ text: `${a.section} — ${a.title}`, done: a.status === 'done' })),
        )}`,
    ),
    `<h2>${e(h.supportResources)}</h2><h3>${e(h.managerSupport)}</h3>${items(s.manager)}`,
    `<h3>${e(h.mentorAssignment)}</h3>${items([
      { label: h.mentor, text: s.mentor.name ?? '' },
      { label: h.meetingFrequency, text: s.mentor.meetingFrequency },
      { label: h.focusAreas, text: s.mentor.focusAreas },
      { label: h.supportProvided, text: s.mentor.supportProvided },
    ])}`,
    `<h3>${e(h.hrSupport)}</h3>${items([
      { label: h.availability, text: s.hr.availability },
      { label: h.supportAreas, text: s.hr.supportAreas },
      { label: h.additionalHrResources, text: s.hr.additionalResources },
    ])}`,
    `<h3>${e(h.trainingResources)}</h3>${items([
      { label: h.internalTraining, text: s.training.internal },
      { label: h.externalTraining, text: s.training.external },
      { label: h.onlineLearning, text: s.training.online },
      { label: h.certificationPrograms, text: s.training.certification },
      { label: h.trainingBudget, text: words.money(s.budget.total, s.budget.currency) },
      { label: h.budgetSpent, text: words.money(s.budget.spent, s.budget.currency) },
      { label: h.budgetRemaining, text: words.money(s.budget.remaining, s.budget.currency) },
      { label: h.hoursPerWeek, text: String(s.hoursPerWeek) },
    ])}`,
    `<h1>${e(h.timeline)}</h1>`,
    table(
      [h.phase, h.weeks, words.dates, words.tasks, h.milestone],
      plan.timeline.phases.map((p) => [
        p.title,
        `${p.startWeek}–${p.endWeek}`,
        `${words.date(p.startDate)} – ${words.date(p.endDate)}`,
        p.tasks.map((t) => `${h.week} ${t.week}: ${t.title}`).join('; '),
        p.milestone.title,
      ]),
    ),
    `<h2>${e(h.keyMilestones)}</h2>`,
    table(
      [h.week, h.date, h.milestone],
      plan.timeline.milestones.map((m) => [String(m.week), words.date(m.date), m.title]),
    ),
    `<h1>${e(h.progressTracking)}</h1><h2>${e(h.trackingMetrics)}</h2>`,
    ...plan.tracking.metricsByArea.map(
      (a) => `<h3>${e(a.title)}</h3><ul>${a.metrics.map((m) => `<li>${e(m)}</li>`).join('')}</ul>`,
    ),
    `<h2>${e(h.trackingMethods)}</h2>${items(plan.tracking.methods)}`,
    `<h2>${e(h.successCriteriaList)}</h2>${checks(plan.successCriteria.map((c) => ({ text: c.text, done: c.isMet })))}`,
    `<h1>${e(h.supportAndResources)}</h1><h2>${e(h.managerResponsibilities)}</h2>${items(plan.responsibilities.manager)}`,
    `<h2>${e(h.employeeResponsibilities)}</h2>${items(plan.responsibilities.employee)}`,
    `<h2>${e(h.hrResponsibilities)}</h2>${items(plan.responsibilities.hr)}`,
    `<h2>${e(h.additionalResources)}</h2>${items(plan.additionalResources)}`,
    `<h1>${e(h.documentation)}</h1><h2>${e(h.requiredDocumentation)}</h2>${items(plan.documentation.required)}`,
    `<h2>${e(h.recordMaintenance)}</h2>${items(plan.documentation.maintenance)}`,
    `<h2>${e(h.reviewUpdateProcess)}</h2>${items(plan.documentation.reviewProcess)}`,
    `<h1>${e(h.successFactors)}</h1><h2>${e(h.keySuccessFactors)}</h2>${items(plan.guidance.successFactors)}`,
    `<h2>${e(h.bestPractices)}</h2>${items(plan.guidance.bestPractices)}`,
    `<h2>${e(h.commonChallenges)}</h2>${items(plan.guidance.commonChallenges)}`,
    `<h1>${e(h.contacts)}</h1>${items(
      [...plan.contacts, ...plan.resources].map((c) => ({
        label: c.label,
        text: [c.name, c.email, c.phone, c.location, c.url, c.instructions].filter(Boolean).join(' | '),
      })),
    )}`,
    `<h1>${e(h.acknowledgment)}</h1>`,
    ...(['employee', 'manager', 'hr'] as const).map((role) => {
      const signature = plan.signatures.find((sig) => sig.role === role && !sig.isRefused);
      const title = {
        employee: h.employeeAcknowledgment,
        manager: h.managerAcknowledgment,
        hr: h.hrAcknowledgment,
      }[role];
      const agreed = new Set(signature?.clauses ?? []);
      const line = signature
        ? `<p><b>${e(h.signature)}:</b> <i>${e(signature.typedName ?? signature.signerName)}</i> <b>${e(h.date)}:</b> ${words.date(signature.signedAt)}</p>`
        : `<p><b>${e(h.signature)}:</b> _________________________ <b>${e(h.date)}:</b> _________</p><p><b>${e(h.printName)}:</b> _________________________</p>`;
      return `<div class="keep"><h2>${e(title)}</h2><p>${e(plan.acknowledgmentIntros[role])}</p>${checks(
        plan.acknowledgmentClauses[role].map((c) => ({ text: c.text, done: agreed.has(c.id) })),
      )}${line}</div>`;
    }),
    `<h1>${e(h.planReview)}</h1><h2>${e(h.reviewSchedule)}</h2>${items(plan.review.schedule)}`,
    `<h2>${e(h.updateProcess)}</h2>${items(plan.review.updateProcess)}`,
    `<h2>${e(h.planCompletion)}</h2><p>${e(plan.completion.intro)}</p>${checks(
      plan.completion.steps.map((text) => ({ text, done: false })),
    )}`,
    `<p><i>${e(plan.completion.closingNote)}</i></p>`,
    items([
      { label: h.planCreatedBy, text: x.createdByName },
      { label: h.planApprovedBy, text: x.managerName ?? '' },
      { label: h.startDate, text: words.date(x.startDate) },
      { label: h.endDate, text: words.date(x.endDate) },
      { label: h.nextReviewDate, text: words.date(x.nextReviewDate) },
    ]),
    `<p><b>${e(h.confidentialityNotice)}:</b> ${e(plan.confidentialityNotice)}</p>`,
  ];
  return `<!doctype html><html lang="${plan.locale}"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:9.5pt;color:#1d232b;line-height:1.35}
h1{font-size:14pt;color:#1f3a5f;border-bottom:1px solid #1f3a5f;margin:16pt 0 6pt;break-after:avoid}
h1.title{font-size:19pt;border:0}h2{font-size:11.5pt;color:#1f3a5f;margin:8pt 0 4pt;break-after:avoid}
h3{font-size:10pt;color:#1f3a5f;margin:5pt 0 3pt;break-after:avoid}p{margin:0 0 3pt}ul{margin:0 0 3pt;padding-left:14pt}
table{width:100%;border-collapse:collapse;font-size:8pt;margin-bottom:8pt}th{background:#1f3a5f;color:#fff;text-align:left}
th,td{padding:4pt;border-bottom:0.5pt solid #c9d1db;vertical-align:top}tr{break-inside:avoid}
ul.checks{list-style:none;padding-left:4pt}.box{display:inline-block;width:8pt;height:8pt;border:0.7pt solid #5b6572;margin-right:6pt;vertical-align:-1pt}
.box.done{background:#1e7a3c}.keep{break-inside:avoid}.subtitle{color:#5b6572;font-size:11pt}
</style></head><body>${parts.join('\n')}</body></html>`;
}

type Row = [string, string];

/** `tagged: false` renders without the structure tree, to measure what tagging costs. */
async function singleCore(
  plans: PlanView[],
  options: { tagged: boolean } = { tagged: true },
): Promise<{ perSecond: number; cpuMsPerPdf: number; pages: number; bytes: number; peakRss: number }> {
  for (const plan of plans.slice(0, warmup)) await renderPlanPdf(plan, options);
  let peakRss = process.memoryUsage.rss();
  let pages = 0;
  let bytes = 0;
  const started = performance.now();
  const cpuStarted = process.threadCpuUsage();
  for (let i = 0; i < plans.length; i++) {
    const pdf = await renderPlanPdf(plans[i], options);
    pages += pageCount(pdf);
    bytes += pdf.length;
    if (i % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.threadCpuUsage(cpuStarted);
  const cpuMsPerPdf = (cpu.user + cpu.system) / 1000 / plans.length;
  return { perSecond: plans.length / seconds, cpuMsPerPdf, pages, bytes, peakRss };
}

async function allCores(
  seeds: number[],
): Promise<{ perSecond: number; results: WorkerResult[]; peakRss: number }> {
  const shares: number[][] = Array.from({ length: workerCount }, () => []);
  seeds.forEach((seed, i) => {
    shares[i % workerCount].push(seed);
  });
  const workers = shares.map((share) => {
    const task: WorkerTask = { seeds: share, warmup: Math.min(10, share.length) };
    return new Worker(new URL('./documents-worker.ts', import.meta.url), { workerData: task });
  });
  const next = (worker: Worker): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await Promise.all(workers.map(next));

  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 25);
  const started = performance.now();
  const finished = workers.map(next);
  for (const worker of workers) worker.postMessage('go');
  const results = (await Promise.all(finished)) as WorkerResult[];
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    perSecond: seeds.length / seconds,
    results,
    peakRss: Math.max(peakRss, ...results.map((r) => r.peakRss)),
  };
}

async function viaChromium(plans: PlanView[]): Promise<{ perSecond: number; pages: number }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const print = async (plan: PlanView): Promise<Buffer> => {
      await page.setContent(planHtml(plan));
      return page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '23mm', bottom: '23mm', left: '18mm', right: '18mm' },
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:8pt;margin-left:50pt">${escapeHtml(plan.header.organizationName)}</div>`,
        footerTemplate: `<div style="font-size:7pt;margin:0 50pt;width:100%">${escapeHtml(plan.confidentialityNotice)} <span class="pageNumber"></span>/<span class="totalPages"></span></div>`,
      });
    };
    for (const plan of plans.slice(0, 3)) await print(plan);
    let pages = 0;
    const started = performance.now();
    for (const plan of plans) pages += pageCount(await print(plan));
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: plans.length / seconds, pages };
  } finally {
    await browser.close();
  }
}

type Phase = 'single' | 'single-untagged' | 'workers' | 'chromium';
type SingleResult = Awaited<ReturnType<typeof singleCore>>;
type AllResult = Awaited<ReturnType<typeof allCores>>;
type ChromiumResult = Awaited<ReturnType<typeof viaChromium>>;

const seeds = Array.from({ length: count }, (_, i) => i + 1);

/** Runs one phase in a child process of its own, so that no phase inherits another's heap in its RSS. */
function inChild<T>(phase: Phase): T {
  const child = spawnSync(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      '--phase',
      phase,
      '--count',
      String(count),
      '--chromium-count',
      String(chromiumCount),
      '--workers',
      String(workerCount),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0) throw new Error(`The ${phase} phase failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? 'null') as T;
}

if (args.phase === 'single') {
  console.log(JSON.stringify(await singleCore(seeds.map(planForSeed))));
} else if (args.phase === 'single-untagged') {
  console.log(JSON.stringify(await singleCore(seeds.map(planForSeed), { tagged: false })));
} else if (args.phase === 'workers') {
  console.log(JSON.stringify(await allCores(seeds)));
} else if (args.phase === 'chromium') {
  console.log(JSON.stringify(await viaChromium(seeds.slice(0, chromiumCount).map(planForSeed))));
} else {
  console.log(
    `Rendering ${count} distinct sample plans (en/es, signed/unsigned) as PDFs, Node ${process.version}`,
  );
  const one = inChild<SingleResult>('single');
  console.log(`  1 core: ${one.perSecond.toFixed(1)} PDFs/s`);
  const untagged = inChild<SingleResult>('single-untagged');
  console.log(`  1 core, untagged: ${untagged.perSecond.toFixed(1)} PDFs/s`);
  const all = inChild<AllResult>('workers');
  all.results.forEach((r, i) => {
    console.log(
      `  worker ${i + 1}: ${r.rendered} PDFs in ${(r.elapsedMs / 1000).toFixed(1)} s (${(r.cpuMs / r.rendered).toFixed(1)} ms CPU each), its peak heap ${mb(r.peakHeapUsed)} MB, process RSS it saw ${mb(r.peakRss)} MB`,
    );
  });
  const viaBrowser = args['skip-chromium'] ? null : inChild<ChromiumResult>('chromium');
  const ratio = (x: number): string => (viaBrowser ? `${(x / viaBrowser.perSecond).toFixed(1)}×` : '—');

  const rows: Row[] = [
    ['PDFs/s, 1 core (main thread)', one.perSecond.toFixed(1)],
    [`PDFs/s, all cores (${workerCount} worker threads)`, all.perSecond.toFixed(1)],
    ['PDFs/s, 1 core, untagged (no structure tree)', untagged.perSecond.toFixed(1)],
    ['CPU ms per PDF, 1 core (its thread)', one.cpuMsPerPdf.toFixed(1)],
    [
      `CPU ms per PDF, ${workerCount} workers (their threads)`,
      (all.results.reduce((s, r) => s + r.cpuMs, 0) / count).toFixed(1),
    ],
    [
      'cost of tagging, 1 core (untagged / tagged rate)',
      `${(untagged.perSecond / one.perSecond).toFixed(2)}×`,
    ],
    [
      `Chromium PDFs/s (${chromiumCount} plans, 1 browser, 1 page)`,
      viaBrowser ? viaBrowser.perSecond.toFixed(1) : 'skipped',
    ],
    ['ratio all cores / Chromium', ratio(all.perSecond)],
    ['ratio 1 core / Chromium', ratio(one.perSecond)],
    ['peak RSS, 1 core process (MB)', mb(one.peakRss)],
    [`peak RSS, ${workerCount} workers process (MB)`, mb(all.peakRss)],
    ['average pages per PDF (pdfkit)', (one.pages / count).toFixed(1)],
    ['average pages per PDF (Chromium)', viaBrowser ? (viaBrowser.pages / chromiumCount).toFixed(1) : '—'],
    ['average PDF size, pdfkit (KB)', (one.bytes / count / 1024).toFixed(0)],
    ['average PDF size, pdfkit untagged (KB)', (untagged.bytes / count / 1024).toFixed(0)],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n${'measure'.padEnd(width)} | value`);
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(10)}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)} | ${value}`);
}
