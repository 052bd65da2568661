/**
 * Writes a copy of plan.json and data/ whose registry has N organizations, for benchmarks and
 * scale tests (a republic has hundreds of organizations, a federal registry tens of thousands).
 *
 *   npx tsx scripts/generate-registry.ts --count 10000 --out /tmp/eo-10000 [--plan plan.json] [--data data]
 *
 * The bundled organizations are the templates, cycled in order, so the mix of types and
 * settings (trimesters, a chosen month, a six-day week) stays that of a real municipality; the
 * first N ≤ 22 are the bundled ones unchanged. Every 50th copy has its own school calendar for
 * each school year (its last term ends a few days earlier), as some schools do: its feed shares
 * less with the others. Deterministic: the same arguments give the same files.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Organization, Registry, SchoolYears, TermCalendar, TermSystemId } from '../src/domain/schema.js';
import { isEntryPoint } from '../src/cli/entry.js';

export const OWN_CALENDAR_EVERY = 50;

export interface GenerateOptions {
  readonly count: number;
  readonly out: string;
  readonly planFile?: string;
  readonly dataDir?: string;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The municipal calendar with the last term ending `shift` days earlier (never before it starts). */
function ownCalendar(calendar: TermCalendar, shift: number): TermCalendar {
  const terms = calendar.terms.map((term, index, all) => {
    if (index !== all.length - 1) return term;
    const end = addDays(term.end, -shift);
    return { ...term, end: end > term.start ? end : term.end };
  });
  return { terms, holidays: calendar.holidays, source: 'Собственный график организации (сгенерирован для нагрузочных испытаний)' };
}

function termSystemOf(template: Organization, schoolYears: SchoolYears): TermSystemId {
  const firstType = template.types[0] ?? 'general';
  return template.settings?.termSystem ?? schoolYears.defaults[firstType];
}

function organizationAt(index: number, templates: readonly Organization[], schoolYears: SchoolYears): Organization {
  const template = templates[index % templates.length] as Organization;
  if (index < templates.length) return template;
  const n = index + 1;
  const organization: Organization = {
    ...template,
    id: `${template.id}-${n}`,
    name: `${template.name} (филиал ${n})`,
    shortName: `${template.shortName}, филиал ${n}`,
  };
  if (index % OWN_CALENDAR_EVERY !== 0) return organization;
  const system = termSystemOf(template, schoolYears);
  const own: Record<string, TermCalendar> = {};
  for (const year of schoolYears.years) {
    const municipal = year.systems[system];
    if (municipal !== undefined) own[year.id] = ownCalendar(municipal, 1 + (index % 5));
  }
  return { ...organization, settings: { ...organization.settings, schoolYears: own } };
}

/** Copies plan.json and data/ to `out`, then rewrites data/organizations.json with `count` organizations. */
export async function generateRegistry(options: GenerateOptions): Promise<{ planFile: string; dataDir: string }> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError(`--count must be a positive integer, got ${options.count}`);
  const sourcePlan = options.planFile ?? 'plan.json';
  const sourceData = options.dataDir ?? 'data';
  const planFile = path.join(options.out, 'plan.json');
  const dataDir = path.join(options.out, 'data');
  await mkdir(options.out, { recursive: true });
  await cp(sourcePlan, planFile);
  await cp(sourceData, dataDir, { recursive: true });

  const registry = JSON.parse(await readFile(path.join(sourceData, 'organizations.json'), 'utf8')) as Registry;
  const schoolYears = JSON.parse(await readFile(path.join(sourceData, 'school-years.json'), 'utf8')) as SchoolYears;
  const templates = registry.organizations;
  if (templates.length === 0) throw new Error('the source registry has no organizations to use as templates');
  const organizations = Array.from({ length: options.count }, (_, index) => organizationAt(index, templates, schoolYears));
  const generated: Registry = {
    ...registry,
    source: {
      ...registry.source,
      description: `Сгенерированный реестр из ${options.count} организаций для нагрузочных испытаний (шаблоны — ${templates.length} организаций исходного реестра). ${registry.source.description}`,
    },
    organizations,
  };
  await writeFile(path.join(dataDir, 'organizations.json'), `${JSON.stringify(generated, null, 2)}\n`);
  return { planFile, dataDir };
}

if (isEntryPoint(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      out: { type: 'string' },
      plan: { type: 'string', default: 'plan.json' },
      data: { type: 'string', default: 'data' },
    },
  });
  if (values.count === undefined || values.out === undefined || !/^\d+$/.test(values.count)) {
    console.error('Использование: generate-registry --count N --out <каталог> [--plan plan.json] [--data data]');
    process.exitCode = 2;
  } else {
    const { planFile, dataDir } = await generateRegistry({ count: Number(values.count), out: values.out, planFile: values.plan, dataDir: values.data });
    console.log(`${planFile}, ${dataDir}: ${values.count} организаций`);
  }
}
