// A fixed pool of render threads, one task each at a time; a thread that dies is replaced and its task retried once.
import { Worker } from 'node:worker_threads';
import type { RenderResult, RenderTask } from './export-worker.ts';

type Pending = { task: RenderTask; resolve: (result: RenderResult) => void; isRetry?: boolean };

/**
 * Render threads live on about 35 MB of heap (code, fonts, the bounded word layouts) and make much garbage.
 * Left alone, V8 lets each heap grow past 200 MB before collecting; these limits keep a thread near 80 MB
 * resident, so that a 10,000-plan export on two threads stays under 300 MB, for about a tenth more CPU spent
 * collecting. A plan that needs more kills its thread: it is retried once on a fresh one.
 */
const threadHeap = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 2 };
type Slot = { worker: Worker; current: Pending | null };

export class RenderPool {
  readonly size: number;
  /** The largest heap any render thread reported, in bytes. */
  peakWorkerHeap = 0;
  /** Threads replaced after they died (out of memory, crashed). */
  restarts = 0;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly waiting: (() => void)[] = [];
  private isClosed = false;
  /** Threads that died since the last finished render: past a few, threads cannot even start; give up. */
  private deaths = 0;
  private lastError = '';

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { resourceLimits: threadHeap });
    const slot: Slot = { worker, current: null };
    worker.on('message', (result: RenderResult) => {
      this.deaths = 0;
      this.peakWorkerHeap = Math.max(this.peakWorkerHeap, result.heapUsed);
      const done = slot.current;
      slot.current = null;
      done?.resolve(result);
      this.next(slot);
    });
    const fail = (message: string): void => {
      const failed = slot.current;
      slot.current = null;
      if (!failed) return;
      if (!failed.isRetry && !this.isClosed) this.queue.unshift({ ...failed, isRetry: true });
      else failed.resolve({ id: failed.task.id, isOk: false, message, heapUsed: 0 });
    };
    worker.on('error', (error) => {
      this.lastError = error.message.split('\n')[0];
      fail(`render thread failed: ${this.lastError}`);
    });
    // A thread that ended (crashed, ran out of memory) is replaced; its task has failed.
    worker.on('exit', () => {
      if (this.isClosed) return;
      fail('render thread stopped');
      this.deaths++;
      if (this.deaths > 2 * this.size + 2) {
        // Threads die as they start (a broken install): fail what waits instead of spawning forever.
        this.isClosed = true;
        const message = `render threads cannot start: ${this.lastError || 'they stop at once'}`;
        for (const pending of this.queue.splice(0))
          pending.resolve({ id: pending.task.id, isOk: false, message, heapUsed: 0 });
        for (const wake of this.waiting.splice(0)) wake();
        return;
      }
      this.replace(slot);
    });
    // Threads must not keep the process alive once the export is over.
    worker.unref();
    return slot;
  }

  private replace(slot: Slot): void {
    this.restarts++;
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(slot)] = fresh;
    this.next(fresh);
  }

  private next(slot: Slot): void {
    const pending = this.queue.shift();
    if (pending) {
      slot.current = pending;
      slot.worker.ref();
      slot.worker.postMessage(pending.task);
    } else {
      slot.worker.unref();
    }
    // A slot freed up in the queue: let one waiting producer continue.
    this.waiting.shift()?.();
  }

  /** Resolves when the queue has room: at most one task waits per thread, so plans are loaded just in time. */
  async room(): Promise<void> {
    while (!this.isClosed && this.queue.length >= this.size)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  run(task: RenderTask): Promise<RenderResult> {
    if (this.isClosed) {
      return Promise.resolve({
        id: task.id,
        isOk: false,
        message: `render threads cannot start: ${this.lastError}`,
        heapUsed: 0,
      });
    }
    return new Promise((resolve) => {
      this.queue.push({ task, resolve });
      const idle = this.slots.find((s) => s.current === null);
      if (idle) this.next(idle);
    });
  }

  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
