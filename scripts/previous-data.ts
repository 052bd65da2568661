/**
 * Where `npm run stamp` finds the data as it was before a hand edit, to tell subscribers what
 * changed: `--before DIR` (another checkout: DIR/plan.json, DIR/data/… — the files at the same
 * paths relative to DIR as to the data directory's parent), or else git's HEAD when the data is in a work tree — the edit not yet committed is
 * the change. HEAD's files are copied into a temporary directory and read like any data.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataLocation } from '../src/data/load.js';

const run = promisify(execFile);

export interface PreviousData {
  readonly location: DataLocation;
  /** Shown in the output: «--before DIR» or «git HEAD (abc1234)». */
  readonly source: string;
  cleanup(): Promise<void>;
}

/** The same files under `root` as under the data directory's parent (the repository's root, as a rule). */
function beside(root: string, location: DataLocation): DataLocation {
  const parent = path.dirname(path.resolve(location.dataDir));
  const at = (file: string) => path.join(root, path.relative(parent, path.resolve(file)));
  return { planFile: at(location.planFile), dataDir: at(location.dataDir) };
}

async function git(cwd: string, args: readonly string[]): Promise<string> {
  return (await run('git', ['-C', cwd, ...args], { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' })).stdout.toString('utf8');
}

/** HEAD's versions of the data files, or undefined when the data is not in git or HEAD lacks the plan. */
async function fromGitHead(location: DataLocation): Promise<PreviousData | undefined> {
  const dataDir = path.resolve(location.dataDir);
  let top: string;
  let commit: string;
  try {
    top = (await git(dataDir, ['rev-parse', '--show-toplevel'])).trim();
    commit = (await git(top, ['rev-parse', '--short', 'HEAD'])).trim();
  } catch {
    return undefined;
  }
  const rel = (file: string) => path.relative(top, path.resolve(file)).split(path.sep).join('/');
  const listed = (await git(top, ['ls-tree', '-r', '-z', '--name-only', 'HEAD', '--', rel(location.planFile), rel(dataDir)])).split('\0').filter((n) => n.endsWith('.json'));
  if (!listed.includes(rel(location.planFile))) return undefined;
  const root = await mkdtemp(path.join(tmpdir(), 'eo-calendar-head-'));
  for (const name of listed) {
    const target = path.join(root, ...name.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await run('git', ['-C', top, 'show', `HEAD:${name}`], { maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' }).then((r) => r.stdout));
  }
  await mkdir(path.join(root, rel(dataDir), 'working-days'), { recursive: true });
  return {
    location: { planFile: path.join(root, rel(location.planFile)), dataDir: path.join(root, rel(dataDir)) },
    source: `git HEAD (${commit})`,
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export async function previousData(location: DataLocation, before: string | undefined): Promise<PreviousData | undefined> {
  if (before !== undefined) return { location: beside(path.resolve(before), location), source: `--before ${before}`, cleanup: async () => undefined };
  return fromGitHead(location);
}
