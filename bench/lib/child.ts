/**
 * TypeScript workers in their own processes (through tsx), spoken to over IPC: servers under
 * test and measurements whose peak RSS must not include the load generator or each other.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository. (Only the parent uses it: in a compiled worker this module lives elsewhere.) */
export const ROOT = path.resolve(import.meta.dirname, '../..');

let compiledRoot: string | undefined;

/** From now on, workers start from their compiled JavaScript under `dir` (see build.ts), without tsx. */
export function useCompiledWorkers(dir: string | undefined): void {
  compiledRoot = dir;
}

export interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

export interface Worker<Ready> {
  readonly process: ChildProcess;
  /** The worker's first message. */
  readonly ready: Ready;
  call<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Asks the worker to exit, then waits for it (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly args?: readonly string[];
  /** Extra node flags, e.g. `--expose-gc`, `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** How long the worker may take to say it is ready. */
  readonly readyTimeoutMs?: number;
}

function forkTs(file: string, options: SpawnOptions): ChildProcess {
  const compiled = compiledRoot !== undefined;
  const script = compiled ? path.join(compiledRoot as string, file.replace(/\.ts$/, '.js')) : path.join(ROOT, file);
  return fork(script, [...(options.args ?? [])], {
    cwd: ROOT,
    execArgv: [...(compiled ? [] : ['--import', 'tsx']), ...(options.nodeFlags ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * Runs a one-shot worker (one that calls {@link finish}) and returns its message. A worker
 * that runs past `timeoutMs` is killed and the promise rejects with a TimeoutError.
 */
export function runWorker<Result>(file: string, options: SpawnOptions & { readonly timeoutMs?: number } = {}): Promise<Result> {
  const child = forkTs(file, options);
  return new Promise<Result>((resolve, reject) => {
    let result: { value: Result } | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new TimeoutError(`${file} ran longer than ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 600_000);
    child.once('message', (message) => {
      result = { value: message as Result };
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result.value);
      else reject(new Error(`${file} exited without a result (${code ?? signal})`));
    });
  });
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Starts `file` (relative to the repository) and waits for its first IPC message. */
export async function spawnWorker<Ready>(file: string, options: SpawnOptions = {}): Promise<Worker<Ready>> {
  const child = forkTs(file, options);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of pending.values()) reject(new Error(`${file} exited (${code ?? signal})`));
      pending.clear();
      resolve();
    });
  });

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} was not ready in time`)), options.readyTimeoutMs ?? 120_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Ready);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited before it was ready (${code ?? signal})`));
    });
  });

  child.on('message', (message) => {
    const reply = message as Reply;
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${file}: ${reply.error ?? 'failed'}`));
  });

  return {
    process: child,
    ready,
    call<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
      if (exited) return Promise.reject(new Error(`${file} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, cmd, ...args });
      });
    },
    async stop(graceMs = 5_000) {
      if (exited) return;
      child.send({ id: 0, cmd: 'exit' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

export type Handler = (message: Record<string, unknown>) => unknown;

/**
 * The worker side: answers each command with its handler's result; `exit` ends the process
 * after `onExit`. Call once, after sending the ready message.
 */
export function serveCommands(handlers: Readonly<Record<string, Handler>>, onExit: () => Promise<void> = async () => {}): void {
  process.on('message', (raw) => {
    const message = raw as { id: number; cmd: string } & Record<string, unknown>;
    if (message.cmd === 'exit') {
      void onExit().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[message.cmd];
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`unknown command ${message.cmd}`);
        return handler(message);
      })
      .then(
        (result) => process.send?.({ id: message.id, ok: true, result }),
        (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  });
  // The parent went away (Ctrl-C, a failed test): do not linger as an orphan holding a port.
  process.on('disconnect', () => process.exit(0));
}

/** A one-shot worker's result: sent, then the process ends (whatever handles are still open). */
export function finish(message: unknown): void {
  if (process.send === undefined) throw new Error('this file runs as a worker (fork with IPC)');
  process.send(message, () => process.exit(0));
}

/** Sends the worker's first message. */
export function announce(message: unknown): void {
  if (process.send === undefined) throw new Error('this file runs as a worker (fork with IPC)');
  process.send(message);
}
