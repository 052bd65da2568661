/** A private copy of plan.json and data/, so a benchmark or soak test can edit and reload it. */
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface DataLocation {
  readonly planFile: string;
  readonly dataDir: string;
}

export interface DataCopy extends DataLocation {
  readonly dir: string;
  /** Sets `plan.meta.version` and `plan.meta.updated` (what a publisher changes on a new release). */
  setVersion(version: string, updated: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copyData(source: DataLocation, prefix = 'eo-bench-'): Promise<DataCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const planFile = path.join(dir, 'plan.json');
  const dataDir = path.join(dir, 'data');
  await cp(source.planFile, planFile);
  await cp(source.dataDir, dataDir, { recursive: true });
  return {
    dir,
    planFile,
    dataDir,
    async setVersion(version, updated) {
      const plan = JSON.parse(await readFile(planFile, 'utf8')) as { meta: Record<string, unknown> };
      plan.meta['version'] = version;
      plan.meta['updated'] = updated;
      // Write a temporary file and rename it over the plan, as editors do: a reader sees the old or new file whole.
      const temporary = `${planFile}.tmp`;
      await writeFile(temporary, `${JSON.stringify(plan, null, 2)}\n`);
      await rename(temporary, planFile);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
