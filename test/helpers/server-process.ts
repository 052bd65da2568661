/** src/server.ts as a child process on an ephemeral loopback port, with its JSON log parsed. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface LogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly time?: number;
  readonly [key: string]: unknown;
}

export interface ServerProcess {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly log: () => LogLine[];
  readonly stderr: () => string;
  /** Resolves with the exit code and when it came (Date.now()). */
  readonly exit: Promise<{ code: number | null; at: number }>;
  /** The listening origin, once the server says so. */
  origin(): Promise<string>;
  waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs?: number): Promise<LogLine>;
}

export function startServer(env: Record<string, string>): ServerProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  const lines: string[] = [];
  let pending = '';
  const err: string[] = [];
  proc.stdout.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter(Boolean));
  });
  proc.stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => proc.on('exit', (code) => resolve({ code, at: Date.now() })));
  const log = () => lines.map((line) => JSON.parse(line) as LogLine);

  async function waitForLog(match: (line: LogLine) => boolean, what: string, timeoutMs = 20_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = log().find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`timed out waiting for ${what}; stderr: ${err.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    proc,
    log,
    stderr: () => err.join(''),
    exit,
    waitForLog,
    async origin() {
      const line = await waitForLog((l) => l.msg?.startsWith('Server listening at ') === true, 'listening');
      return String(line.msg).replace('Server listening at ', '');
    },
  };
}
