/**
 * The export's worker threads, seen from the main thread. Rendering is synchronous JavaScript,
 * so one thread uses one core; each worker builds its own app and takes the next chunk of URLs
 * when it has written the last, so a slow chunk on one core does not hold up the other.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DataError } from '../domain/errors.js';
import { ExportError } from './errors.js';
import type { Failure, FromWorker, ToWorker, WorkerInit } from './protocol.js';

/** URLs per message: enough to make the round trips negligible, few enough to share the tail (64 take about 0.1 s). */
export const CHUNK = 64;

/**
 * The compiled worker (dist/) is plain JavaScript. From the TypeScript sources (tests, tsx) the
 * worker registers tsx first: a worker's entry is resolved before `--import` hooks apply.
 */
function spawn(init: WorkerInit, resourceLimits: ResourceLimits | undefined): Worker {
  const self = import.meta.url;
  const options = { workerData: init, ...(resourceLimits === undefined ? {} : { resourceLimits }) };
  if (!self.endsWith('.ts')) return new Worker(new URL('./worker.js', self), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', self).href;
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

function errorOf(failure: Failure): Error {
  if (failure.kind === 'data') return new DataError(failure.issues);
  if (failure.kind === 'export') return new ExportError(failure.message);
  const error = new Error(failure.message);
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}

type Reply = Exclude<FromWorker, Failure>;

/** One worker thread, answering each message with one reply. */
export class ExportWorker {
  readonly #worker: Worker;
  readonly #inbox: FromWorker[] = [];
  #waiting: { resolve: (message: FromWorker) => void; reject: (error: Error) => void } | undefined;
  #ended: Error | undefined;
  readonly #exit: Promise<number>;

  constructor(init: WorkerInit, resourceLimits?: ResourceLimits) {
    this.#worker = spawn(init, resourceLimits);
    this.#exit = new Promise((resolve) => this.#worker.once('exit', resolve));
    this.#worker.on('message', (message: FromWorker) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting === undefined) this.#inbox.push(message);
      else waiting.resolve(message);
    });
    this.#worker.on('error', (error) => this.#end(new ExportError(`рабочий поток экспорта остановился: ${error.message}`)));
    this.#worker.on('exit', (code) => this.#end(new ExportError(`рабочий поток экспорта завершился раньше времени (код ${code})`)));
  }

  #end(error: Error): void {
    this.#ended ??= error;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(this.#ended);
  }

  /** The next reply; a worker's failure is thrown as the error it stands for. */
  async reply(): Promise<Reply> {
    const message =
      this.#inbox.shift() ??
      (await new Promise<FromWorker>((resolve, reject) => {
        if (this.#ended !== undefined) reject(this.#ended);
        else this.#waiting = { resolve, reject };
      }));
    if (message.type === 'failed') throw errorOf(message);
    return message;
  }

  async ask(message: ToWorker): Promise<Reply> {
    this.#worker.postMessage(message);
    return this.reply();
  }

  /** Lets the worker close its app and end; resolves when it has. */
  async close(): Promise<void> {
    this.#worker.postMessage({ type: 'close' } satisfies ToWorker);
    const code = await this.#exit;
    if (code !== 0) throw new ExportError(`рабочий поток экспорта завершился с кодом ${code}`);
  }

  /** Stops the worker at once: nothing it does may outlive a failed export. */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}

export interface Written {
  files: number;
  bytes: number;
}

/**
 * Writes `urls` (their indexes start at `first`) through `workers`, a chunk at a time each; a
 * worker given as a promise joins when it resolves (a thread started later takes what is left).
 * `done` counts URLs across calls; progress is reported once per URL, so the lines printed
 * depend on the counts only, never on which worker finished first.
 */
export async function writeThrough(
  workers: readonly (ExportWorker | Promise<ExportWorker>)[],
  urls: readonly string[],
  first: number,
  progress: { done: number; readonly total: number; readonly report?: (done: number, total: number) => void },
  written: Written,
): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    workers.map(async (entry) => {
      try {
        const worker = await entry;
        while (!failed && next < urls.length) {
          const start = next;
          next = Math.min(urls.length, next + CHUNK);
          const reply = await worker.ask({ type: 'chunk', start: first + start, urls: urls.slice(start, next) });
          if (reply.type !== 'done') throw new Error(`unexpected reply ${reply.type} to a chunk`);
          written.files += reply.files;
          written.bytes += reply.bytes;
          for (let i = 0; i < reply.count; i += 1) {
            progress.done += 1;
            progress.report?.(progress.done, progress.total);
          }
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
}
