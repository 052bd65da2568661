/**
 * The workers run as compiled JavaScript, as `npm start` runs dist/: under tsx a process carries
 * the TypeScript loader and its transform cache (about 55 MB of RSS here), which would swamp
 * the memory figures. Compiled into node_modules/.cache, so nothing in the tree changes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './child.js';

export const COMPILED_ROOT = path.join(ROOT, 'node_modules/.cache/eo-bench');

export function compileWorkers(log: (line: string) => void): string {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'bench/tsconfig.build.json')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // tsc still writes JavaScript when types are wrong; a type error is the type checker's business, not the benchmark's.
    const output = String((error as { stdout?: unknown }).stdout ?? '');
    if (!existsSync(path.join(COMPILED_ROOT, 'bench/servers/app-server.js'))) throw error;
    log(`tsc reported type errors (the JavaScript was written; benchmarking it anyway):\n${output.split('\n').slice(0, 10).join('\n')}`);
  }
  // The pages read their CSS and JS next to the compiled renderer, as scripts/copy-assets.mjs arranges for dist/.
  const assets = path.join(COMPILED_ROOT, 'src/render/html/assets');
  rmSync(assets, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'src/render/html/assets'), assets, { recursive: true });
  // Code that reads the package's own metadata finds it where it would from dist/ (one level up from src/).
  cpSync(path.join(ROOT, 'package.json'), path.join(COMPILED_ROOT, 'package.json'));
  return COMPILED_ROOT;
}
