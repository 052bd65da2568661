/**
 * The registry form of the department's editor: one organization of the draft's
 * `organizations` document, read, written back, renamed or taken out. Pure. Removal only drops
 * the entry: publishing records it in `removed` (src/domain/removals.ts), so the API and the form
 * cannot disagree on what a removal is. A changed id keeps the old one in `previousIds`, so the
 * old URLs answer 301.
 */
import { ORGANIZATION_TYPE_IDS, type OrganizationTypeId } from '../../domain/schema.js';
import type { FormBody } from './school-year-form.js';

type Json = Record<string, unknown>;

export interface OrganizationForm {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly types: readonly OrganizationTypeId[];
}

export interface OrganizationEntry extends OrganizationForm {
  /** Its position in `organizations`: where the validators' pointers point. */
  readonly index: number;
  readonly previousIds: readonly string[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const isType = (value: string): value is OrganizationTypeId => (ORGANIZATION_TYPE_IDS as readonly string[]).includes(value);

function entries(document: unknown): Json[] {
  const list = (document as Json | null)?.['organizations'];
  return Array.isArray(list) ? (list as Json[]) : [];
}

export function organizationsOf(document: unknown): OrganizationEntry[] {
  return entries(document)
    .map((o, index) => ({ o, index }))
    .filter(({ o }) => o !== null && typeof o === 'object')
    .map(({ o, index }) => ({ index, id: text(o['id']), name: text(o['name']), shortName: text(o['shortName']), types: strings(o['types']).filter(isType), previousIds: strings(o['previousIds']) }));
}

export function organizationFormFromBody(body: FormBody): OrganizationForm {
  const types = ORGANIZATION_TYPE_IDS.filter((t) => body[`type.${t}`] === 'on');
  return { id: (body['id'] ?? '').trim(), name: (body['name'] ?? '').trim(), shortName: (body['shortName'] ?? '').trim(), types };
}

/**
 * What must be right before the form enters the draft at all: the id names the organization's
 * URLs and this form's own address, so a malformed or taken one is refused here. Everything else
 * is the validators' to report in the saved draft.
 */
export function formProblems(document: unknown, form: OrganizationForm, originalId: string | undefined): Map<string, string> {
  const problems = new Map<string, string>();
  if (!ID.test(form.id) || form.id.length > 64) problems.set('id', 'идентификатор — строчные латинские буквы и цифры, части через дефис (например, sosh-5), не длиннее 64 знаков');
  else if (form.id === 'new') problems.set('id', 'идентификатор new занят адресом формы новой организации — выберите другой');
  else if (form.id !== originalId && organizationsOf(document).some((o) => o.id === form.id || (o.id !== originalId && o.previousIds.includes(form.id)))) problems.set('id', `идентификатор ${form.id} уже занят организацией реестра (или был её прежним)`);
  return problems;
}

/** The draft's registry with the form's organization: a new one appended, an existing one changed in place. */
export function withOrganization(document: unknown, form: OrganizationForm, originalId: string | undefined): unknown {
  const copy = structuredClone(document) as Json;
  const list = entries(copy);
  const existing = originalId === undefined ? undefined : list.find((o) => o?.['id'] === originalId);
  const entry: Json = existing ?? {};
  entry['id'] = form.id;
  entry['name'] = form.name;
  entry['shortName'] = form.shortName;
  entry['types'] = [...form.types];
  if (existing && originalId !== form.id) {
    const previous = strings(existing['previousIds']).filter((id) => id !== form.id);
    entry['previousIds'] = [...previous, originalId!];
  }
  return { ...copy, organizations: existing ? list : [...list, entry] };
}

export function withoutOrganization(document: unknown, id: string): unknown {
  const copy = structuredClone(document) as Json;
  return { ...copy, organizations: entries(copy).filter((o) => o?.['id'] !== id) };
}

/** `/organizations/organizations/3/types/0` → `types`: the input it concerns. */
export function organizationFieldProblems(problems: readonly { pointer: string; message: string }[], index: number): Map<string, string> {
  const fields = new Map<string, string>();
  const prefix = `/organizations/organizations/${index}/`;
  for (const { pointer, message } of problems) {
    const match = /^(id|name|shortName|types|previousIds)/.exec(pointer.startsWith(prefix) ? pointer.slice(prefix.length) : '');
    if (match && !fields.has(match[1]!)) fields.set(match[1] === 'previousIds' ? 'id' : match[1]!, message);
  }
  return fields;
}
