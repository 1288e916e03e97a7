// A render thread of the bulk export: renders one plan at a time and streams it to its file, so no document
// crosses back to the main thread; answers with the file's size, hash and its own heap use.
import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import type { LogoFile } from '../logo-image.ts';
import { partialSuffix } from './manifest.ts';

export type RenderTask = {
  id: number;
  plan: PlanReadModel;
  /** Arrives as a Uint8Array: a Buffer does not survive the copy between threads as a Buffer. */
  logo: LogoFile | null;
  format: 'pdf' | 'docx';
  /** Render in this language instead of the plan's: only the headings change, what people wrote stays. */
  locale: 'en' | 'es' | null;
  path: string;
};

export type RenderResult =
  | { id: number; isOk: true; bytes: number; sha256: string; heapUsed: number }
  | { id: number; isOk: false; message: string; heapUsed: number };

async function render(task: RenderTask): Promise<Buffer> {
  const plan =
    task.locale && task.locale !== task.plan.locale
      ? { ...task.plan, headings: defaultTemplate(task.locale).headings }
      : task.plan;
  const logo = task.logo
    ? {
        ...task.logo,
        image: Buffer.from(task.logo.image.buffer, task.logo.image.byteOffset, task.logo.image.byteLength),
      }
    : null;
  if (task.format === 'pdf') {
    const { renderPlanPdf } = await import('../plan-pdf.ts');
    return renderPlanPdf(plan, {
      organizationName: plan.header.organizationName,
      locale: task.locale ?? plan.locale,
      logo: logo?.image ?? null,
    });
  }
  const { renderPlanDocx } = await import('../plan-docx.ts');
  return renderPlanDocx(plan, { logo, locale: task.locale ?? plan.locale });
}

parentPort?.on('message', async (task: RenderTask) => {
  let result: RenderResult;
  try {
    const body = await render(task);
    // Written beside its final name, then renamed: a file with the final name is always complete.
    await writeFile(`${task.path}${partialSuffix}`, body);
    await rename(`${task.path}${partialSuffix}`, task.path);
    result = {
      id: task.id,
      isOk: true,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
      heapUsed: process.memoryUsage().heapUsed,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    result = { id: task.id, isOk: false, message, heapUsed: process.memoryUsage().heapUsed };
  }
  parentPort?.postMessage(result);
});
