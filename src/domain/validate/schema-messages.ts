/**
 * Russian messages for single TypeBox errors, written for the methodologist who edits the JSON
 * files by hand: what is wrong and what is expected, without JSON Schema jargon.
 */
import type { TValidationError } from 'typebox/error';
import { FORBIDDEN_TEXT_CHARACTERS, ISO_DATE_PATTERN, TEXT_PATTERN } from '../schema.js';
import { pointer } from './pointer.js';

export interface Finding {
  readonly path: string;
  readonly message: string;
}

export type SchemaNode = Readonly<Record<string, unknown>>;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'строка в кавычках',
  integer: 'целое число',
  number: 'число',
  boolean: 'true или false',
  object: 'объект { … }',
  array: 'список [ … ]',
  null: 'null',
};

const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [ISO_DATE_PATTERN]: 'ожидается дата в формате ГГГГ-ММ-ДД, например 2026-09-01',
  '^\\d{4}-\\d{4}$': 'ожидается учебный год в виде ГГГГ-ГГГГ, например 2025-2026',
  '^([01]\\d|2[0-3]):[0-5]\\d$': 'ожидается время в формате ЧЧ:ММ, например 15:00',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'идентификатор: строчные латинские буквы и цифры, слова через дефис (например, sosh-5)',
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$': 'ожидается время UTC в формате ГГГГ-ММ-ДДTчч:мм:ссZ',
  '^\\d+$': 'ожидается номер пункта плана (цифрами)',
};

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x09: 'табуляция',
  0x0a: 'перевод строки',
  0x0d: 'возврат каретки',
  0x85: 'следующая строка, NEL',
  0x2028: 'разделитель строк',
  0x2029: 'разделитель абзацев',
};

const FORBIDDEN = new RegExp(`[${FORBIDDEN_TEXT_CHARACTERS}]`);

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a string fails TEXT_PATTERN: blank, or which invisible character where. */
export function textProblem(value: string): string {
  const found = FORBIDDEN.exec(value);
  if (found === null) return 'текст пустой или из одних пробелов — впишите его';
  const code = found[0].charCodeAt(0);
  const bidi = code === 0x061c || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  const name = CONTROL_NAMES[code];
  const what = bidi
    ? `невидимый символ управления направлением текста ${codePoint(code)}`
    : code >= 0x2028
      ? `${name ?? 'разделитель'} ${codePoint(code)}`
      : `управляющий символ ${codePoint(code)}${name === undefined ? '' : ` (${name})`}`;
  return `недопустимый символ: ${what}, ${found.index + 1}-й знак строки; в редакторе его не видно, но календари с ним ломаются — удалите его`;
}

/** Renders a value briefly for a message. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 37) + '…' : text;
}

function typeName(type: string | readonly string[]): string {
  return (typeof type === 'string' ? [type] : type).map((t) => TYPE_NAMES[t] ?? t).join(' или ');
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(next[j - 1]! + 1, row[j]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      row = next;
    }
    return row[b.length]!;
  };
  const best = candidates.map((c) => ({ c, d: distance(word.toLowerCase(), c.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? best.c : undefined;
}

function range(node: SchemaNode, fallback: string): string {
  const { minimum, maximum } = node;
  return typeof minimum === 'number' && typeof maximum === 'number' ? `ожидается число от ${minimum} до ${maximum}` : fallback;
}

/** Describes one non-union error; `node` is the schema the error's `schemaPath` points to. */
export function describe(error: TValidationError, node: SchemaNode, value: unknown): Finding[] {
  const at = error.instancePath;
  const one = (message: string): Finding[] => [{ path: at, message }];
  switch (error.keyword) {
    case 'required':
      return error.params.requiredProperties.map((p) => ({ path: at, message: `обязательное поле "${p}" отсутствует` }));
    case 'additionalProperties': {
      const known = Object.keys((node.properties as object | undefined) ?? {});
      return error.params.additionalProperties.map((p) => {
        const guess = closest(p, known);
        const hint = guess ? `; возможно, имелось в виду "${guess}"` : known.length ? `; допустимые поля: ${known.join(', ')}` : '';
        return { path: at + pointer(p), message: `лишнее поле "${p}"${hint}` };
      });
    }
    case 'type':
      return one(`ожидается ${typeName(error.params.type)}, а указано ${show(value)}`);
    case 'const':
      return one(`ожидается значение ${show(error.params.allowedValue)}, а указано ${show(value)}`);
    case 'minimum':
      return one(`${range(node, `значение должно быть не меньше ${error.params.limit}`)}, а указано ${show(value)}`);
    case 'maximum':
      return one(`${range(node, `значение должно быть не больше ${error.params.limit}`)}, а указано ${show(value)}`);
    case 'minLength':
      return one(error.params.limit === 1 ? 'строка не должна быть пустой' : `строка должна быть не короче ${error.params.limit} символов`);
    case 'maxLength':
      return one(`строка должна быть не длиннее ${error.params.limit} символов (сейчас ${String(value).length})`);
    case 'minItems':
      return one(error.params.limit === 1 ? 'список не должен быть пустым' : `в списке должно быть не меньше ${error.params.limit} элементов`);
    case 'maxItems':
      return one(`в списке должно быть не больше ${error.params.limit} элементов`);
    case 'uniqueItems':
      return error.params.duplicateItems.map((i) => ({
        path: at + pointer(i),
        message: `значение ${show(Array.isArray(value) ? value[i] : undefined)} в списке повторяется`,
      }));
    case 'pattern':
      if (error.params.pattern === TEXT_PATTERN && typeof value === 'string') return one(textProblem(value));
      return one(`${PATTERN_MESSAGES[String(error.params.pattern)] ?? `значение не соответствует шаблону ${String(error.params.pattern)}`}, а указано ${show(value)}`);
    default:
      return one(`значение не подходит (${error.keyword}): ${show(value)}`);
  }
}
