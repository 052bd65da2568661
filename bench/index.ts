/**
 * `npm run bench`: serving against the bare-Fastify ceiling, then rendering and scale at
 * 22 / 1 000 / 10 000 organizations; `-- --load` adds the long soak (60 s, 100 connections).
 * Prints Markdown tables and PASS/FAIL per target of issue 7; exits 0 either way (a benchmark
 * reports, it does not gate), unless something crashed.
 *
 *   npm run bench                     serving + scale (about 4 minutes on 2 cores)
 *   npm run bench -- --load           also the soak (another 80 s)
 *   npm run bench -- --only serving   sections, comma-separated: serving,scale,hostile,load,ablation,gcstate
 *   npm run bench -- --full           also the static export at 10 000 organizations (many minutes)
 *   npm run bench -- --quick          short runs, for trying the script out
 *
 * Other options: --duration S, --connections N, --rounds N (app/bare pairs per case, rounds of
 * the ablation; default 3; the tables give medians) and --cases TEXT (only cases whose name
 * contains it, e.g. 304) for serving and the ablation, --counts 22,1000,10000 and
 * --samples N (scale), --site-export-max N and --site-export-timeout S, --no-years,
 * --load-duration S and --load-connections N, --hostile-urls N (default 20 000), --tsx (run the workers under tsx, uncompiled).
 * Runs from the TypeScript sources after `npm ci` (tsx); the workers are compiled with tsc into
 * node_modules/.cache/eo-bench first, so no build step is needed.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { compileWorkers } from './lib/build.js';
import { useCompiledWorkers } from './lib/child.js';
import { closeClient } from './lib/http.js';
import { fmt, targetsTable, type TargetResult } from './lib/table.js';
import { runAblation } from './ablation.js';
import { runGcState } from './gc-state.js';
import { runHostile } from './hostile.js';
import { runLoadSection } from './load.js';
import { runScale } from './scale.js';
import { runServing } from './serving.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    load: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string' },
    cases: { type: 'string' },
    counts: { type: 'string' },
    samples: { type: 'string', default: '200' },
    'site-export-max': { type: 'string' },
    'site-export-timeout': { type: 'string', default: '900' },
    'no-years': { type: 'boolean', default: false },
    tsx: { type: 'boolean', default: false },
    'load-duration': { type: 'string' },
    'load-connections': { type: 'string' },
    full: { type: 'boolean', default: false },
    'hostile-urls': { type: 'string' },
  },
});

const quick = values.quick;
const sections = values.only !== undefined ? values.only.split(',') : ['serving', 'scale', 'hostile', ...(values.load ? ['load'] : [])];
const log = (line: string) => process.stderr.write(`${line}\n`);

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' });
    model = /^Model name:\s*(.+)$/m.exec(lscpu)?.[1]?.trim() ?? model;
  } catch {
    // lscpu is Linux-only; os.cpus() has the model too.
  }
  return `${cpus().length} CPUs (${model}), ${fmt(totalmem() / 1024 ** 3, 1)} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

if (!values.tsx) {
  log('compiling the workers (tsc → node_modules/.cache/eo-bench)');
  useCompiledWorkers(compileWorkers(log));
}

const loadAverage = () => loadavg().map((l) => fmt(l, 2)).join(' / ');
// The machines are shared: a busy neighbour shows here before it shows in the figures.
const out: string[] = [`# eo-calendar benchmark — ${new Date().toISOString()}`, '', `Machine: ${machine()}`, '', `Load average (1/5/15 min) at the start: ${loadAverage()}`, ''];
const targets: TargetResult[] = [];

if (sections.includes('serving')) {
  const durationSec = Number(values.duration ?? (quick ? 2 : 5));
  const connections = Number(values.connections);
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  log(`serving: ${durationSec} s per case after ${quick ? 1 : 2} s warm-up, ${connections} connections, ${rounds} app/bare pairs per case, each round in fresh processes`);
  const report = await runServing({ durationSec, warmupSec: quick ? 1 : 2, connections, rounds, ...(values.cases === undefined ? {} : { cases: values.cases }) }, log);
  out.push(
    `## Serving (${durationSec} s per case after warm-up, ${connections} connections, loopback; app and bare route in separate processes from autocannon; medians of ${rounds} alternated app/bare pairs, each round in a fresh pair of processes)`,
    '',
    report.text,
    '',
  );
  for (const skipped of report.skipped) out.push(`Skipped: ${skipped}`, '');
  targets.push(...report.targets);
}

if (sections.includes('ablation')) {
  const durationSec = Number(values.duration ?? (quick ? 2 : 5));
  const connections = Number(values.connections);
  log('ablation: the 304 path, one layer at a time');
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  const text = await runAblation({ durationSec, connections, rounds, ...(values.cases === undefined ? {} : { cases: values.cases }) }, log);
  out.push(`## Ablation: what each layer costs on the 304 path (${durationSec} s each, ${connections} connections, medians of ${rounds} rounds; server CPU per answer from /proc)`, '', text, '');
}

if (sections.includes('gcstate')) {
  const durationSec = Number(values.duration ?? (quick ? 2 : 5));
  const connections = Number(values.connections);
  const rounds = Number(values.rounds ?? (quick ? 1 : 3));
  log('gcstate: the 304 in both processes fresh and after full collections');
  const text = await runGcState({ durationSec, connections, rounds }, log);
  out.push(
    `## The 304 and the heap's state (${durationSec} s each after warm-up, ${connections} connections; medians of ${rounds} alternated app/bare pairs; not a target: bench/gc-state.ts)`,
    '',
    text,
    '',
  );
}

if (sections.includes('scale')) {
  const counts = (values.counts ?? (quick ? '22,1000' : '22,1000,10000')).split(',').map(Number);
  log(`scale: registries of ${counts.join(', ')} organizations`);
  const report = await runScale(
    {
      counts,
      samples: Number(values.samples),
      siteExportMax: Number(values['site-export-max'] ?? (values.full ? Number.POSITIVE_INFINITY : 1000)),
      siteExportTimeoutMs: Number(values['site-export-timeout']) * 1000,
      years: !values['no-years'] && !quick,
    },
    log,
  );
  out.push(`## Rendering and scale (generated registries: scripts/generate-registry.ts; each measurement in a fresh process)`, '', report.text, '');
  targets.push(...report.targets);
}

if (sections.includes('hostile')) {
  const urls = Number(values['hostile-urls'] ?? (quick ? 2000 : 20000));
  log('hostile: option URLs, uncached occurrences, a feed under attack, idle and never-reading sockets');
  const report = await runHostile({ urls, occurrences: quick ? 40 : 200, durationSec: quick ? 2 : 5, sockets: 1000, holdSec: quick ? 2 : 5 }, log);
  out.push('## Hostile traffic (one instance on loopback, bundled data, default settings; bench/hostile.ts)', '', report.text, '');
  targets.push(...report.targets);
}

if (sections.includes('load')) {
  const durationSec = Number(values['load-duration'] ?? (quick ? 15 : 60));
  const connections = Number(values['load-connections'] ?? (quick ? 30 : 100));
  log(`load: soak ${durationSec} s, ${connections} connections, reload in the middle`);
  const report = await runLoadSection({ durationSec, connections }, log);
  out.push(`## Load soak (${durationSec} s after 10 s warm-up, ${connections} connections, loopback; the app in its own process)`, '', report.text, '');
  targets.push(...report.targets);
}

out.push(`Load average at the end: ${loadAverage()}`, '', '## Targets', '', targetsTable(targets), '');
closeClient();
console.log(out.join('\n'));
