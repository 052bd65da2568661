/**
 * The renderers and the domain are pure views of the data: they may share the API's shapes and
 * problem kinds (src/api), never the HTTP layer. Reads every source file under src/render and
 * src/domain and resolves each import specifier against it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const HTTP = join(ROOT, 'src', 'http');

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

/** Specifiers of static imports, re-exports and dynamic imports. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    found.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  return found;
}

describe('layering', () => {
  it('finds imports in the shapes the check relies on', () => {
    const text = "import type { A } from '../../http/x.js';\nexport { B } from './b.js';\nconst c = await import('../c.js');\nimport './side.js';";
    expect(specifiers(text)).toEqual(['../../http/x.js', './b.js', '../c.js', './side.js']);
  });

  it.each(['render', 'domain'])('nothing under src/%s imports from src/http', async (layer) => {
    const files = await sources(join(ROOT, 'src', layer));
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(await readFile(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec);
        if (target === HTTP || target.startsWith(HTTP + '/')) offending.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
