/**
 * Prints an audience's occurrences for a range as a table, with its standing duties and the
 * school years the data lacks: a quick way for the methodologist to see what the feeds will say.
 *
 *   npx tsx src/cli/occurrences.ts [--type general|preschool|additional | --organization <id>]
 *     [--year 2026 | --from 2026-01-01 --to 2026-03-31] [--no-daily] [--plan plan.json] [--data data]
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../data/load.js';
import { isIsoDate } from '../domain/dates.js';
import { occurrencesFor } from '../domain/engine.js';
import { DataError } from '../domain/errors.js';
import type { Audience, Dataset, DateRangeQuery, MissingSchoolYear, Occurrence, OccurrenceResult } from '../domain/model.js';
import { ORGANIZATION_TYPE_IDS, type OrganizationTypeId } from '../domain/schema.js';
import { ORGANIZATION_TYPES, TERM_SYSTEMS } from '../domain/vocabulary.js';
import { moscowDate, plural } from '../render/html/format.js';
import { isEntryPoint } from './entry.js';

const USAGE =
  'Использование: occurrences [--type general|preschool|additional | --organization <id>] ' +
  '[--year ГГГГ | --from ГГГГ-ММ-ДД --to ГГГГ-ММ-ДД] [--no-daily] [--plan plan.json] [--data data]';

class UsageError extends Error {}

const TYPE_ABBREVIATIONS: Readonly<Record<OrganizationTypeId, string>> = { general: 'ОО', preschool: 'ДОО', additional: 'ОДО' };

function audienceOf(data: Dataset, type: string | undefined, organization: string | undefined): Audience {
  if (type !== undefined && organization !== undefined) throw new UsageError('укажите либо --type, либо --organization');
  if (organization !== undefined) {
    const found = data.organizationsById.get(organization);
    if (!found) throw new UsageError(`организации «${organization}» нет в реестре`);
    return { kind: 'organization', organization: found };
  }
  if (type === undefined) return { kind: 'all' };
  if (!(ORGANIZATION_TYPE_IDS as readonly string[]).includes(type)) throw new UsageError(`неизвестный тип «${type}»; допустимые: ${ORGANIZATION_TYPE_IDS.join(', ')}`);
  return { kind: 'type', type: type as OrganizationTypeId };
}

function rangeOf(year: string | undefined, from: string | undefined, to: string | undefined, now: Date): DateRangeQuery {
  if (year !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('укажите либо --year, либо --from и --to');
  if (from !== undefined || to !== undefined) {
    if (from === undefined || to === undefined) throw new UsageError('--from и --to указываются вместе');
    for (const date of [from, to]) if (!isIsoDate(date)) throw new UsageError(`ожидается дата ГГГГ-ММ-ДД, а указано «${date}»`);
    if (from > to) throw new UsageError(`начало периода ${from} позже его конца ${to}`);
    return { from, to };
  }
  const y = year ?? moscowDate(now).slice(0, 4);
  if (!/^\d{4}$/.test(y)) throw new UsageError(`--year: ожидается год из четырёх цифр, а указано «${y}»`);
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

function audienceName(audience: Audience): string {
  if (audience.kind === 'all') return 'весь план';
  if (audience.kind === 'type') return ORGANIZATION_TYPES[audience.type].name;
  return `${audience.organization.shortName} (${audience.organization.id})`;
}

function when(o: Occurrence): string {
  const days = o.start === o.end ? o.start : `${o.start} – ${o.end}`;
  return `${days}${o.time ? ` ${o.time}` : ''}${o.provisional ? ' *' : ''}`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  // The last column (the wording) is left unpadded: it is long and ends the line.
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd());
}

/** The standing-duties event lists several items. */
function items(o: Occurrence): string {
  return (o.items ?? [o.item]).join(', ');
}

/** The label, where a moved deadline was due by the order, and a provisional date's reason. */
function what(o: Occurrence): string {
  const parts = o.label === undefined || o.kind === 'standing' ? [] : [o.label];
  if (o.orderDate !== undefined && o.orderDate !== o.start) parts.push(`по приказу ${o.orderDate} (выходной)`);
  if (o.provisional) parts.push(`предварительно: ${o.provisionalReason ?? 'данные не утверждены'}`);
  return parts.join('; ');
}

function missingLine(m: MissingSchoolYear): string {
  const what = {
    terms: `учебные периоды${m.termSystem ? ` (${TERM_SYSTEMS[m.termSystem]})` : ''}`,
    finalAttestation: 'сроки итоговой аттестации',
    workingDays: 'производственный календарь',
  }[m.what];
  return `  ${m.schoolYear}: ${what} — ${plural(m.items.length, 'пункт', 'пункты', 'пункты')} ${m.items.join(', ')}`;
}

/** The report as lines of text. */
export function report(data: Dataset, audience: Audience, range: DateRangeQuery, result: OccurrenceResult): string[] {
  const title = (n: number) => data.plan.items.find((i) => i.number === n)?.title ?? '';
  const lines = [`Календарь: ${audienceName(audience)}, ${range.from} – ${range.to} (план ${data.version})`, ''];
  if (result.occurrences.length === 0) lines.push('Сроков в этом периоде нет.');
  else {
    // The whole plan repeats an item per calendar group (item 19 for schools and for additional education).
    const forWhom = audience.kind === 'all' ? (o: Occurrence) => [o.organizationTypes.map((t) => TYPE_ABBREVIATIONS[t]).join(', ')] : () => [];
    const header = ['Дата', 'Пункт', 'Название', 'Что', ...(audience.kind === 'all' ? ['Для'] : []), 'Срок исполнения'];
    const rows = result.occurrences.map((o) => [when(o), items(o), o.kind === 'standing' ? 'Постоянные обязанности' : title(o.item), what(o), ...forWhom(o), o.wording]);
    lines.push(...table([header, ...rows]), '', `Всего сроков: ${result.occurrences.length}`);
    if (audience.kind === 'all') lines.push('ОО — общеобразовательные, ДОО — дошкольные, ОДО — организации дополнительного образования');
    if (result.occurrences.some((o) => o.provisional)) lines.push('* дата предварительная: рассчитана по предполагаемому графику');
  }
  if (result.standing.length > 0) {
    lines.push('', 'Постоянные обязанности (без даты):');
    for (const d of result.standing) lines.push(`  п. ${d.item} ${title(d.item)} — ${d.wording}`);
  }
  if (result.missing.length > 0) {
    lines.push('', 'Не хватает данных (эти сроки не рассчитаны):', ...result.missing.map(missingLine));
  }
  return lines;
}

export async function main(argv: readonly string[], out = console.log, err = console.error, now = new Date()): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        type: { type: 'string' },
        organization: { type: 'string' },
        year: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        daily: { type: 'boolean', default: true },
        plan: { type: 'string', default: 'plan.json' },
        data: { type: 'string', default: 'data' },
      },
      allowNegative: true,
      strict: true,
    });
    const range = rangeOf(values.year, values.from, values.to, now);
    const data = await loadDataset({ planFile: values.plan, dataDir: values.data });
    const audience = audienceOf(data, values.type, values.organization);
    const result = occurrencesFor(data, audience, range, { daily: values.daily });
    out(report(data, audience, range, result).join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof DataError) err(error.message);
    else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
      return 2;
    } else throw error;
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
