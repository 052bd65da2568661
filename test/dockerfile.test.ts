/**
 * There is no Docker engine on these machines, so the Dockerfile is checked against what CI
 * does run: its commands are package.json's scripts, its files exist and reach the build
 * context, its health check passes against the app, and its stages, replayed in temporary
 * directories (the `npm ci` steps replaced by the installed node_modules), build the service
 * and start it with the image's environment.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../src/http/config.js';
import { buildTestApp } from './helpers/app.js';
import { freePort } from './helpers/nginx.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  readonly line: number;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Dockerfile syntax as far as this project uses it: comments, `\` continuations, stages. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  let startLine = 0;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) return;
    if (pending === '') startLine = index + 1;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') return;
    const [keyword = '', ...rest] = full.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: full.slice(keyword.length).trim(), line: startLine };
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest.join(' '));
      if (!match) throw new Error(`Dockerfile:${startLine}: cannot read FROM ${instruction.args}`);
      stages.push({ from: match[1] as string, name: match[2], instructions: [] });
      return;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`Dockerfile:${startLine}: ${instruction.keyword} before FROM`);
    stage.instructions.push(instruction);
  });
  return stages;
}

/** `--flag=value` options in front of an instruction's arguments. */
function splitFlags(args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([a-z-]+)=(\S+)\s+/.exec(rest); match; match = /^--([a-z-]+)=(\S+)\s+/.exec(rest)) {
    flags[match[1] as string] = match[2] as string;
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function execForm(args: string, where: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`${where}: expected the exec form ["…", …]`);
  return parsed;
}

/** `ENV A=1 B=2` (the only ENV form used here). */
function envOf(instructions: readonly Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`ENV ${args}: use KEY=value`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}

/**
 * .dockerignore as Docker reads it: patterns anchored at the context root, `*` and `?` within a
 * path segment, `**` across segments, `!` re-includes, the last matching line decides, and an
 * excluded directory excludes everything in it.
 */
function dockerignore(text: string): (file: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
      const source = pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(?:.*/)?');
      return { negate, regex: new RegExp(`^${source}$`) };
    });
  return (file) => {
    const parts = file.split('/');
    let excluded = false;
    for (let i = 1; i <= parts.length; i += 1) {
      const prefix = parts.slice(0, i).join('/');
      for (const rule of rules) if (rule.regex.test(prefix)) excluded = !rule.negate;
      if (excluded && i < parts.length) return true;
    }
    return excluded;
  };
}

const dockerfileText = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfileText);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  engines?: { node?: string };
};
const ignored = dockerignore(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'));
const runtime = stages.at(-1) as Stage;
const build = stages.find((s) => s.name !== undefined && runtime.instructions.some((i) => i.args.includes(`--from=${s.name}`)));

const runs = (stage: Stage) => stage.instructions.filter((i) => i.keyword === 'RUN').flatMap((i) => i.args.split('&&').map((c) => c.trim()));
const only = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);

describe('Dockerfile against package.json', () => {
  it('builds in one stage and runs from another on the same current Node LTS image', () => {
    expect(stages.length).toBe(2);
    expect(build).toBeDefined();
    for (const stage of stages) expect(stage.from).toMatch(/^node:(\d+)-bookworm-slim$/);
    const major = Number(/^node:(\d+)/.exec(runtime.from)?.[1]);
    expect(build?.from).toBe(runtime.from);
    // Even majors are the LTS lines; the image must satisfy package.json's engines.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(Number(/(\d+)/.exec(pkg.engines?.node ?? '')?.[1]));
  });

  it('runs npm ci and npm run build in the build stage: scripts that exist', () => {
    const commands = runs(build as Stage);
    expect(commands).toEqual(['npm ci', 'npm run build']);
    expect(pkg.scripts.build).toBeDefined();
    // Dependencies come from the lock file, never resolved afresh.
    expect(dockerfileText).not.toMatch(/npm install/);
  });

  it('installs only production dependencies in the runtime stage, and never builds there', () => {
    const commands = runs(runtime);
    expect(commands[0]).toBe('npm ci --omit=dev');
    expect(commands.slice(1)).toEqual(['npm cache clean --force']);
  });

  it('starts with package.json\'s start script as the process itself, not through npm', () => {
    const cmd = only(runtime, 'CMD');
    expect(cmd).toHaveLength(1);
    expect(execForm((cmd[0] as Instruction).args, 'CMD')).toEqual(pkg.scripts.start?.split(/\s+/));
    expect(only(runtime, 'ENTRYPOINT')).toEqual([]);
    expect(pkg.scripts.start).toMatch(/^node /);
  });

  it('starts the systemd unit with the same command', () => {
    const unit = readFileSync(path.join(ROOT, 'deploy/eo-calendar.service'), 'utf8');
    const exec = /^ExecStart=(\S+)\s+(.*)$/m.exec(unit);
    expect(exec).not.toBeNull();
    expect([path.posix.basename(exec?.[1] ?? ''), ...(exec?.[2] ?? '').split(/\s+/)]).toEqual(pkg.scripts.start?.split(/\s+/));
    expect(unit).toMatch(/^ExecReload=\/bin\/kill -HUP \$MAINPID$/m);
    const env = Object.fromEntries([...unit.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => configFromEnv(env)).not.toThrow();
  });

  it('gives the unit descriptors beyond its connection limit, and stops itself before systemd would kill it', () => {
    const unit = readFileSync(path.join(ROOT, 'deploy/eo-calendar.service'), 'utf8');
    const env = Object.fromEntries([...unit.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    const { limits } = configFromEnv(env);
    expect(Number(/^LimitNOFILE=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(limits.maxConnections * 2);
    expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]) * 1000).toBeGreaterThan(limits.shutdownTimeoutMs);
  });

  it('runs the image, the unit and the bench\'s app worker with the same malloc arena limit', () => {
    const unit = readFileSync(path.join(ROOT, 'deploy/eo-calendar.service'), 'utf8');
    expect(unit).toMatch(/^Environment=MALLOC_ARENA_MAX=2$/m);
    expect(envOf(runtime.instructions)['MALLOC_ARENA_MAX']).toBe('2');
    expect(readFileSync(path.join(ROOT, 'bench/lib/app-worker.ts'), 'utf8')).toContain("MALLOC_ARENA_MAX: '2'");
  });

  it('runs as a non-root user, set before the command', () => {
    const users = only(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1) as Instruction;
    expect(user.args).not.toMatch(/^(root|0)(:|$)/);
    expect(user.line).toBeLessThan((only(runtime, 'CMD')[0] as Instruction).line);
  });

  it('exposes the port the service listens on, and reads the data from the directory it copies the defaults into', () => {
    const env = envOf(runtime.instructions);
    const config = configFromEnv(env);
    expect(only(runtime, 'EXPOSE').map((i) => i.args)).toEqual([String(config.port)]);
    expect(config.host).toBe('0.0.0.0');
    const copies = only(runtime, 'COPY').map((i) => splitFlags(i.args).rest.split(/\s+/));
    expect(copies).toContainEqual(['plan.json', config.planFile]);
    expect(copies).toContainEqual(['data/', `${config.dataDir}/`]);
    expect(path.posix.dirname(config.planFile)).toBe(path.posix.dirname(config.dataDir));
  });

  it('copies only files that exist and that .dockerignore lets into the context', () => {
    const sources = stages.flatMap((stage) =>
      only(stage, 'COPY')
        .map((i) => splitFlags(i.args))
        .filter(({ flags }) => flags.from === undefined)
        .flatMap(({ rest }) => rest.split(/\s+/).slice(0, -1)),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      const clean = source.replace(/\/$/, '');
      expect(existsSync(path.join(ROOT, clean)), `${source} exists`).toBe(true);
      expect(ignored(clean), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it('keeps the context small: dependencies, builds, tests and VCS data stay out', () => {
    for (const file of ['node_modules/fastify/package.json', 'dist/server.js', '.git/HEAD', 'test/export.test.ts', 'coverage/x', 'export/index.html', 'bench/index.ts']) {
      expect(ignored(file), file).toBe(true);
    }
    for (const file of ['src/server.ts', 'data/organizations.json', 'data/working-days/2026.json', 'plan.json', 'package-lock.json']) {
      expect(ignored(file), file).toBe(false);
    }
  });

  it('imports in src/ only packages the runtime stage installs (dependencies, not devDependencies)', async () => {
    const files = (await readdir(path.join(ROOT, 'src'), { recursive: true })).filter((f) => f.endsWith('.ts'));
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, 'src', file), 'utf8');
      for (const match of text.matchAll(/^import\s+(?!type\s)[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('node:')) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
        if (pkg.dependencies[name] === undefined) missing.push(`src/${file}: ${specifier}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('checks health on a route the app answers with 200', async () => {
    const command = execForm(healthcheckCommand(), 'HEALTHCHECK');
    const url = /fetch\('http:\/\/127\.0\.0\.1:'\+\(process\.env\.PORT\|\|(\d+)\)\+'(\/[^']*)'\)/.exec(command.join(' '));
    expect(url, command.join(' ')).not.toBeNull();
    expect(url?.[1]).toBe(only(runtime, 'EXPOSE')[0]?.args);
    const test = await buildTestApp();
    try {
      const response = await test.app.inject({ method: 'GET', url: url?.[2] as string });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok' });
    } finally {
      await test.close();
    }
  });
});

function healthcheckCommand(): string {
  const checks = only(runtime, 'HEALTHCHECK');
  expect(checks).toHaveLength(1);
  const match = /^(?:--\S+\s+)*CMD\s+(\[.*\])$/.exec((checks[0] as Instruction).args);
  if (!match) throw new Error(`HEALTHCHECK ${(checks[0] as Instruction).args}: expected options then CMD ["…"]`);
  return match[1] as string;
}

/**
 * Replays both stages in temporary roots: COPY from the context (through .dockerignore), RUN
 * the same npm scripts, COPY --from the build stage, then the CMD with the image's ENV (paths
 * under the temporary root, a free port) and the HEALTHCHECK command against it.
 */
describe('Dockerfile replayed without Docker', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  async function copyIntoStage(root: string, workdir: string, sources: string[], dest: string, from: string): Promise<void> {
    const target = path.join(root, dest.startsWith('/') ? dest : path.posix.join(workdir, dest));
    for (const source of sources) {
      const full = path.join(from, source);
      const info = await stat(full);
      if (info.isDirectory()) {
        await mkdir(target, { recursive: true });
        await cp(full, target, {
          recursive: true,
          filter: (file) => from !== ROOT || !ignored(path.relative(ROOT, file).split(path.sep).join('/')),
        });
      } else {
        const file = dest.endsWith('/') ? path.join(target, path.basename(source)) : target;
        await mkdir(path.dirname(file), { recursive: true });
        await cp(full, file);
      }
    }
  }

  function run(command: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn('/bin/sh', ['-c', command], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  async function replay(stage: Stage, roots: Record<string, string>): Promise<{ root: string; workdir: string; env: Record<string, string> }> {
    const root = await mkdtemp(path.join(tmpdir(), `eo-calendar-image-${stage.name ?? 'final'}-`));
    cleanup.push(root);
    let workdir = '/';
    const env: Record<string, string> = {};
    for (const instruction of stage.instructions) {
      const { flags, rest } = splitFlags(instruction.args);
      if (instruction.keyword === 'WORKDIR') {
        workdir = path.posix.resolve(workdir, rest);
        await mkdir(path.join(root, workdir), { recursive: true });
      } else if (instruction.keyword === 'ENV') {
        Object.assign(env, envOf([instruction]));
      } else if (instruction.keyword === 'COPY') {
        const parts = rest.split(/\s+/);
        const from = flags.from === undefined ? ROOT : (roots[flags.from] as string);
        const sources = flags.from === undefined ? parts.slice(0, -1) : parts.slice(0, -1).map((s) => s.replace(/^\//, ''));
        await copyIntoStage(root, workdir, sources, parts.at(-1) as string, from);
      } else if (instruction.keyword === 'RUN') {
        for (const command of instruction.args.split('&&').map((c) => c.trim())) {
          if (command === 'npm ci' || command === 'npm ci --omit=dev') {
            // The lock file's packages are what CI installed; no network, no second install.
            await symlink(path.join(ROOT, 'node_modules'), path.join(root, workdir, 'node_modules'));
          } else if (command === 'npm cache clean --force') {
            continue;
          } else {
            const result = await run(command, path.join(root, workdir), {});
            expect(result.code, `${command}:\n${result.output}`).toBe(0);
          }
        }
      }
    }
    return { root, workdir, env };
  }

  it('builds the service and starts it with the image\'s command and environment; the health check passes', { timeout: 180_000 }, async () => {
    const built = await replay(build as Stage, {});
    expect(existsSync(path.join(built.root, built.workdir, 'dist/server.js'))).toBe(true);
    const image = await replay(runtime, { [(build as Stage).name as string]: built.root });
    const port = await freePort();
    // Absolute paths in ENV point into the image: here, into its temporary root.
    const env = Object.fromEntries(
      Object.entries(image.env).map(([key, value]) => [key, value.startsWith('/') ? path.join(image.root, value) : value]),
    );
    Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    const [command, ...args] = execForm((only(runtime, 'CMD')[0] as Instruction).args, 'CMD');
    const server = spawn(command === 'node' ? process.execPath : (command as string), args, {
      cwd: path.join(image.root, image.workdir),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const health = execForm(healthcheckCommand(), 'HEALTHCHECK');
    const check = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(health[0] === 'node' ? process.execPath : (health[0] as string), health.slice(1), { env: { PORT: String(port) } });
        child.on('exit', (code) => resolve(code));
      });
    try {
      let code: number | null = 1;
      for (let attempt = 0; attempt < 100 && code !== 0 && server.exitCode === null; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        code = await check();
      }
      expect(code, stderr).toBe(0);
      const feed = await fetch(`http://127.0.0.1:${port}/feeds/general.ics`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    }
    // Stopped: the same check now fails, so it can tell.
    expect(await check()).toBe(1);
  });
});
