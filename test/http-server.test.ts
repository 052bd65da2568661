/** server.ts as a process: start-up refusals, listening, SIGHUP reload, graceful SIGTERM. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyData, type DataCopy } from './helpers/app.js';

const ROOT = path.resolve(import.meta.dirname, '..');

let copy: DataCopy | undefined;
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await copy?.remove();
  copy = undefined;
});

function start(env: Record<string, string>): { proc: ChildProcessWithoutNullStreams; out: string[]; err: string[]; exit: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  child = proc;
  const out: string[] = [];
  const err: string[] = [];
  proc.stdout.on('data', (chunk: Buffer) => out.push(...chunk.toString().split('\n').filter(Boolean)));
  proc.stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, out, err, exit };
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface LogLine {
  msg?: string;
  trigger?: string;
}
const parsed = (lines: readonly string[]): LogLine[] => lines.map((l) => JSON.parse(l) as LogLine);

describe('server.ts', () => {
  it('refuses to start on invalid data and prints every issue with file and JSON path', async () => {
    copy = await copyData();
    await copy.editJson('plan.json', (plan) => {
      (plan.meta as Record<string, unknown>).updated = 'вчера';
    });
    await copy.writeText('data/school-years.json', '{');
    const { err, exit } = start({ PLAN_FILE: copy.planFile, DATA_DIR: copy.dataDir });
    expect(await exit).toBe(1);
    const text = err.join('');
    expect(text).toMatch(/plan\.json: \/meta\/updated: /);
    expect(text).toMatch(/school-years\.json: /);
  });

  it('refuses to start on a wrong environment, naming the variable', async () => {
    const { err, exit } = start({ PORT: 'eighty', PUBLIC_URL: 'https://eo.example.ru/' });
    expect(await exit).toBe(1);
    expect(err.join('')).toContain('PORT="eighty"');
    expect(err.join('')).toContain('PUBLIC_URL="https://eo.example.ru/"');
  });

  it('serves, reloads on SIGHUP, and exits 0 on SIGTERM', async () => {
    copy = await copyData();
    const { proc, out, exit } = start({ PLAN_FILE: copy.planFile, DATA_DIR: copy.dataDir, PUBLIC_URL: 'https://eo.example.test' });
    const listening = await waitFor(() => parsed(out).find((l) => l.msg?.startsWith('Server listening at ')), 'listening');
    const base = String(listening.msg).replace('Server listening at ', '');

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const feed = await fetch(`${base}/feeds/general.ics`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    proc.kill('SIGHUP');
    await waitFor(() => parsed(out).find((l) => l.trigger === 'SIGHUP'), 'SIGHUP reload');

    proc.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
