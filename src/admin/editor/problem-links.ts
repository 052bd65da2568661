/**
 * Where a draft problem can be fixed: the editor form that shows the field its JSON pointer
 * names (the registry entry, the school-year form, the plan item), else the document's JSON
 * editor. Pure; the pointer is one of `problemsOf`'s, the documents the draft's.
 */
import type { DataDocuments } from '../../domain/documents.js';

export interface ProblemPlace {
  readonly href: string;
  readonly label: string;
}

type Json = Record<string, unknown>;
type Documents = Pick<DataDocuments, 'plan' | 'organizations' | 'schoolYears'>;

const at = (list: unknown, index: string | undefined): Json | undefined => {
  const entry = Array.isArray(list) && index !== undefined ? (list[Number(index)] as unknown) : undefined;
  return entry !== null && typeof entry === 'object' ? (entry as Json) : undefined;
};
const slug = (value: unknown): string | undefined => (typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(value) ? value : undefined);
const SYSTEMS = new Set(['quarters', 'trimesters', 'halfYears']);

export function problemPlace(pointer: string, documents: Documents): ProblemPlace {
  const [document, ...path] = pointer.split('/').slice(1);
  if (document === 'organizations') {
    const id = path[0] === 'organizations' ? slug(at((documents.organizations as Json | null)?.['organizations'], path[1])?.['id']) : undefined;
    return id ? { href: `/admin/data/registry/${id}`, label: `организация ${id}` } : { href: '/admin/data/organizations', label: 'реестр (JSON)' };
  }
  if (document === 'schoolYears') {
    const year = path[0] === 'years' ? at((documents.schoolYears as Json | null)?.['years'], path[1]) : undefined;
    const id = typeof year?.['id'] === 'string' && /^\d{4}-\d{4}$/.test(year['id']) ? year['id'] : undefined;
    const system = path[2] === 'systems' && SYSTEMS.has(path[3] ?? '') ? path[3]! : 'quarters';
    return id ? { href: `/admin/data/school-years/${id}/${system}`, label: `учебный график ${id}` } : { href: '/admin/data', label: 'данные отдела' };
  }
  if (document === 'workingDays') {
    const year = /^(\d{4})\.json$/.exec(path[0] ?? '')?.[1];
    return year ? { href: `/admin/data/working-days/${year}`, label: `производственный календарь ${year}` } : { href: '/admin/data', label: 'данные отдела' };
  }
  if (document === 'plan' && path[0] === 'items') {
    const number = at((documents.plan as Json | null)?.['items'], path[1])?.['number'];
    if (Number.isInteger(number)) return { href: `/admin/data/plan/items/${String(number)}`, label: `п. ${String(number)} плана` };
  }
  if (document === 'plan' && path[0] === 'meta') return { href: '/admin/data/plan/meta', label: 'сведения о плане' };
  return { href: '/admin/data/plan', label: 'план (JSON)' };
}
