/**
 * The fields of each rule kind, read from the `Rule` schema itself (src/domain/schema.ts): which
 * properties a kind has, which it requires, and whether each is a number, a list of months, a
 * month-day or text. The plan-item form shows and writes exactly these, so a field added to a
 * kind in the schema cannot be silently dropped by the form. Pure.
 */
import { Rule, type RuleKind } from '../../domain/schema.js';

export type FieldShape = 'integer' | 'months' | 'monthDay' | 'text';

export interface RuleField {
  /** The property of plan.json. */
  readonly name: string;
  readonly shape: FieldShape;
  readonly required: boolean;
  /** The values a text field may take (`days`: school, working), when the schema fixes them. */
  readonly choices?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
}

interface SchemaNode {
  readonly type?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
}

function shapeOf(node: SchemaNode): FieldShape {
  if (node.type === 'integer') return 'integer';
  if (node.type === 'array') return 'months';
  if (node.type === 'object') return 'monthDay';
  return 'text';
}

function fieldOf(name: string, node: SchemaNode, required: boolean): RuleField {
  const choices = node.anyOf?.every((b) => typeof b.const === 'string') ? node.anyOf.map((b) => b.const as string) : undefined;
  return {
    name,
    shape: shapeOf(node),
    required,
    ...(choices ? { choices } : {}),
    ...(node.minimum === undefined ? {} : { minimum: node.minimum }),
    ...(node.maximum === undefined ? {} : { maximum: node.maximum }),
  };
}

/** Kind → its fields in the schema's order (`id` and `kind` are the form's own, not fields). */
export const RULE_FIELDS: Readonly<Record<RuleKind, readonly RuleField[]>> = Object.fromEntries(
  ((Rule as unknown as SchemaNode).anyOf ?? []).map((member) => {
    const properties = member.properties ?? {};
    const required = new Set(member.required ?? []);
    const fields = Object.entries(properties)
      .filter(([name]) => name !== 'id' && name !== 'kind')
      .map(([name, node]) => fieldOf(name, node, required.has(name)));
    return [properties['kind']?.const as RuleKind, fields];
  }),
) as unknown as Record<RuleKind, readonly RuleField[]>;

export const RULE_KINDS = Object.keys(RULE_FIELDS) as RuleKind[];

export function isRuleKind(value: string): value is RuleKind {
  return Object.hasOwn(RULE_FIELDS, value);
}

/** The kind's names as the form's select shows them, with the plan's own example wording. */
export const RULE_KIND_NAMES: Readonly<Record<RuleKind, string>> = {
  date: 'Срок «до» даты, каждый год («до 1 февраля»)',
  month: 'Весь месяц («Январь»)',
  monthChoice: 'Месяц на выбор организации («Январь или Сентябрь»)',
  span: 'Период («Июнь-Август»)',
  opening: 'Становится доступно с даты («Доступно с 1 апреля»)',
  daily: 'Ежедневно («ежедневно»)',
  schoolYearEnd: 'После окончания учебного года',
  termEnd: 'По окончании учебного периода (четверти, триместра, полугодия, года)',
  finalAttestationEnd: 'По окончании итоговой аттестации',
  onChange: 'При изменении, в течение рабочих дней (постоянная обязанность)',
  asNeeded: 'По мере необходимости (постоянная обязанность)',
};
