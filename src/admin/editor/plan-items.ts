/**
 * Adding or removing a plan item in the department's editor: the draft's items, what feeds an
 * item reaches (the whole plan's, each of its types', and every organization of those types in
 * the draft's registry), and the plan with an item added or taken out. Pure. The confirmation
 * names these feeds before anything enters the draft: an item's events appear in, or vanish
 * from, every subscriber's calendar of those feeds.
 */
import { ORGANIZATION_TYPE_IDS, type OrganizationTypeId } from '../../domain/schema.js';
import { organizationsOf } from './registry-form.js';

type Json = Record<string, unknown>;

export interface PlanItemEntry {
  readonly number: number;
  readonly title: string;
  readonly types: readonly OrganizationTypeId[];
}

export interface AffectedFeeds {
  readonly types: readonly OrganizationTypeId[];
  readonly organizations: number;
}

const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter((v): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v)) : []);
const itemsIn = (plan: unknown): Json[] => objects((plan as Json | null)?.['items']);

/** The types of all the item's schedules, in the vocabulary's order. */
export function itemTypes(item: unknown): OrganizationTypeId[] {
  const named = new Set(objects((item as Json | null)?.['schedules']).flatMap((s) => (Array.isArray(s['organizationTypes']) ? (s['organizationTypes'] as unknown[]) : [])));
  return ORGANIZATION_TYPE_IDS.filter((t) => named.has(t));
}

export function planItemsOf(plan: unknown): PlanItemEntry[] {
  return itemsIn(plan)
    .filter((i) => typeof i['number'] === 'number')
    .map((i) => ({ number: i['number'] as number, title: typeof i['title'] === 'string' ? i['title'] : '', types: itemTypes(i) }));
}

export function affectedFeeds(item: unknown, registry: unknown): AffectedFeeds {
  const types = itemTypes(item);
  const organizations = organizationsOf(registry).filter((o) => o.types.some((t) => types.includes(t))).length;
  return { types, organizations };
}

export function findItem(plan: unknown, number: number): Json | undefined {
  return itemsIn(plan).find((i) => i['number'] === number);
}

/** Why this JSON cannot be a new item of the plan at all; the validators judge the rest in the draft. */
export function newItemProblem(plan: unknown, item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return 'пункт — объект JSON с полями number, title, text, source, subsystems и schedules';
  const number = (item as Json)['number'];
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) return 'у пункта нет номера: поле number — целое число от 1';
  if (findItem(plan, number)) return `пункт ${number} уже есть в плане: выберите другой номер`;
  return undefined;
}

/** The plan with the item in its place by number. */
export function withItem(plan: unknown, item: unknown): unknown {
  const copy = structuredClone(plan) as Json;
  const items = [...objects(copy['items']), structuredClone(item) as Json].sort((a, b) => Number(a['number']) - Number(b['number']));
  return { ...copy, items };
}

export function withoutItem(plan: unknown, number: number): unknown {
  const copy = structuredClone(plan) as Json;
  return { ...copy, items: objects(copy['items']).filter((i) => i['number'] !== number) };
}

/** A start for a new item: the next free number and one dated schedule to fill in. */
export function newItemTemplate(plan: unknown): Json {
  const next = Math.max(0, ...planItemsOf(plan).map((i) => i.number)) + 1;
  return {
    number: next,
    title: 'Краткое название (до 60 знаков)',
    text: 'Содержание работ',
    source: 'Содержание работ дословно, как в приказе',
    subsystems: ['sgo'],
    schedules: [{ id: 's0', organizationTypes: ['general'], wording: 'Срок дословно, как в приказе', rules: [{ id: 'r0', kind: 'asNeeded' }] }],
  };
}
