/**
 * Writes the JSON Schemas of the data files (schema/*.schema.json) from the TypeBox schemas in
 * src/domain/schema.ts, so editors can complete and check plan.json and data/ by `$schema`.
 *
 *   npx tsx scripts/generate-schemas.ts          write the files
 *   npx tsx scripts/generate-schemas.ts --check  exit 1 when a committed file is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TSchema } from 'typebox';
import { Plan, Registry, SchoolYears, WorkingDaysYear } from '../src/domain/schema.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

interface SchemaFile {
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly schema: TSchema;
}

export const SCHEMA_FILES: readonly SchemaFile[] = [
  {
    file: 'plan.schema.json',
    title: 'Типовой план работы ОО по ведению ГИС ЭО',
    description: 'plan.json: пункты плана, их сроки исполнения и ответственные типы организаций',
    schema: Plan,
  },
  {
    file: 'organizations.schema.json',
    title: 'Реестр образовательных организаций',
    description: 'data/organizations.json: организации, их типы и собственные настройки календаря',
    schema: Registry,
  },
  {
    file: 'school-years.schema.json',
    title: 'Учебные годы',
    description: 'data/school-years.json: учебные периоды, каникулы и итоговая аттестация по учебным годам',
    schema: SchoolYears,
  },
  {
    file: 'working-days.schema.json',
    title: 'Производственный календарь на год',
    description: 'data/working-days/ГГГГ.json: отличия от обычной пятидневки (праздники, переносы, сокращённые дни)',
    schema: WorkingDaysYear,
  },
];

export const DEFAULT_SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema');

/**
 * TypeBox keeps its own bookkeeping (`~kind`, `~optional`, …) on the schema objects; only
 * enumerable keywords are JSON Schema, and the `~` prefix is dropped too in case a future
 * TypeBox makes one enumerable.
 */
function toPlainJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('~') || child === undefined || typeof child === 'function') continue;
    out[key] = toPlainJson(child);
  }
  return out;
}

/** The text of every schema file, keyed by file name: pretty JSON with a final newline. */
export function renderSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { file, title, description, schema } of SCHEMA_FILES) {
    const body = toPlainJson(schema) as Record<string, unknown>;
    const document = { $schema: JSON_SCHEMA_DIALECT, $id: file, title, description, ...body };
    files.set(file, `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

/** File names in `dir` that are missing or differ from what the generator would write. */
export function staleSchemas(dir: string = DEFAULT_SCHEMA_DIR): string[] {
  const stale: string[] = [];
  for (const [file, text] of renderSchemas()) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(dir, file), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== text) stale.push(file);
  }
  return stale;
}

export function writeSchemas(dir: string = DEFAULT_SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, text] of renderSchemas()) {
    writeFileSync(path.join(dir, file), text);
    written.push(file);
  }
  return written;
}

function main(argv: readonly string[]): number {
  if (argv.includes('--check')) {
    const stale = staleSchemas();
    if (stale.length === 0) return 0;
    console.error(
      `Схемы устарели или отсутствуют: ${stale.map((f) => `schema/${f}`).join(', ')}. ` +
        'Выполните: npx tsx scripts/generate-schemas.ts',
    );
    return 1;
  }
  for (const file of writeSchemas()) console.log(`schema/${file}`);
  return 0;
}

const invokedAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedAsScript) process.exitCode = main(process.argv.slice(2));
