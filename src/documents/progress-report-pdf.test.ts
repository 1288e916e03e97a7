import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { pageContents } from '../../test/helpers/pdf.ts';
import { addDays } from '../domain/plan/dates.ts';
import { type ProgressReportInput, renderProgressReportPdf, shownForecast } from './progress-report-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'mejora-report-'));
const run = (tool: string, pdf: Buffer, ...args: string[]): string => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
};

function input(locale: 'en' | 'es'): ProgressReportInput {
  const plan = samplePlan({ locale, seed: 5, isSigned: true });
  const weekStart = addDays(plan.header.startDate, 28);
  return {
    plan,
    weekStart,
    today: addDays(weekStart, 3),
    generatedAt: `${addDays(weekStart, 3)}T18:00:00.000Z`,
    checkIns: [
      {
        type: 'weekly_checkin',
        status: 'held',
        scheduledAt: `${addDays(weekStart, 1)}T09:00:00.000Z`,
        heldAt: `${addDays(weekStart, 1)}T09:10:00.000Z`,
        overallRating: 4,
        summary: 'Two tickets closed without reopening.',
      },
      {
        type: 'biweekly_assessment',
        status: 'missed',
        scheduledAt: `${addDays(weekStart, 3)}T09:00:00.000Z`,
        heldAt: null,
        overallRating: null,
        summary: null,
      },
      {
        type: 'weekly_checkin',
        status: 'scheduled',
        scheduledAt: `${addDays(weekStart, 8)}T09:00:00.000Z`,
        heldAt: null,
        overallRating: null,
        summary: null,
      },
      {
        type: 'weekly_checkin',
        status: 'held',
        scheduledAt: `${addDays(weekStart, -6)}T09:00:00.000Z`,
        heldAt: `${addDays(weekStart, -6)}T09:00:00.000Z`,
        overallRating: 2,
        summary: 'Last week, not this one.',
      },
    ],
    riskFlags: [{ flag: 'overdue_activities', detail: '2 development activities are overdue' }],
  };
}

describe('weekly progress report PDF', () => {
  it('shows the week’s standing, its check-ins, the next one and the risk flags', async () => {
    const data = input('en');
    const text = run('pdftotext', await renderProgressReportPdf(data), '-layout');
    expect(text).toContain('Weekly progress report');
    expect(text).toContain(data.plan.header.employeeName);
    expect(text).toMatch(/Time elapsed: \d+%/);
    expect(text).toContain('Two tickets closed without reopening.');
    expect(text).toContain('Missed');
    expect(text).not.toContain('Last week, not this one.');
    expect(text).toMatch(/Next check-in: Weekly check-in, \d+ \w+ \d{4}, 09:00 UTC/);
    // Each flag said once, in the report's words: never the label followed by the same thing again.
    expect(text).toMatch(/Development activities are overdue(: \d+)?\n/);
    expect(text).not.toContain('development activities are overdue');
    for (const m of data.plan.metrics) expect(text).toContain(m.name);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('draws each metric’s chart as vector paths: measurements, a dashed target, a dashed forecast, no images', async () => {
    const data = input('en');
    const pdf = await renderProgressReportPdf(data);
    expect(run('pdfimages', pdf, '-list').trim().split('\n')).toHaveLength(2); // the header lines only
    const ops = await pageContents(pdf);
    const measured = data.plan.metrics.filter((m) => m.measurements.length > 0);
    // One target dash pattern per chart, and one forecast dash pattern per metric with a forecast.
    expect(ops.match(/\[5 3\] 0 d/g)?.length).toBeGreaterThanOrEqual(data.plan.metrics.length);
    expect(ops.match(/\[3 2\] 0 d/g)?.length).toBeGreaterThanOrEqual(
      measured.filter((m) => m.forecast).length,
    );
    // A measurement line has a segment per measurement after the baseline.
    const segments = ops.match(/ l\n/g)?.length ?? 0;
    expect(segments).toBeGreaterThan(measured.reduce((n, m) => n + m.measurements.length, 0));
  });

  it('speaks the plan’s language', async () => {
    const text = run('pdftotext', await renderProgressReportPdf(input('es')), '-layout');
    expect(text).toContain('Informe semanal de progreso');
    expect(text).toContain('Gráficos de las métricas');
    expect(text).toMatch(/Página 1 de \d/);
  });
});

describe('honest figures in the report', () => {
  it('shows a percentage forecast within 0–100 %, and leaves other units as forecast', () => {
    const forecast = { date: '2027-01-27', value: 107.88, meetsTarget: true };
    expect(shownForecast({ unit: '%', forecast })).toBe(100);
    expect(shownForecast({ unit: '%', forecast: { ...forecast, value: -4 } })).toBe(0);
    expect(shownForecast({ unit: 'tickets', forecast })).toBe(107.88);
    expect(shownForecast({ unit: '%', forecast: null })).toBeNull();
  });

  it('prints no "-0" on an axis and each risk flag once, in Spanish too', async () => {
    const data = input('es');
    const flagged: ProgressReportInput = {
      ...data,
      riskFlags: [
        { flag: 'forecast_misses_target', detail: 'Forecast misses the target: x' },
        { flag: 'forecast_misses_target', detail: 'Forecast misses the target: x' },
        { flag: 'missed_checkins_in_a_row', detail: 'Two check-ins in a row were missed' },
      ],
    };
    const text = run('pdftotext', await renderProgressReportPdf(flagged), '-layout');
    expect(text).not.toMatch(/-0(?![\d.,])/);
    expect(text.match(/La previsión no alcanza un objetivo/g)).toHaveLength(1);
    expect(text).toContain('Dos reuniones seguidas no se celebraron');
    expect(text).not.toMatch(/Forecast misses|Two check-ins/);
  });
});
