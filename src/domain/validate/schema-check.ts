/**
 * Schema validation of the data files with TypeBox, reported as one readable issue per problem.
 * TypeBox reports a value that fits no member of a union once per member (11 rule kinds → a
 * dozen errors for one typo); those are collapsed here into the one error that matters.
 */
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TValidationError } from 'typebox/error';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';
import { EventHistoryFile, Plan, Registry, SchoolYears, WorkingDaysYear } from '../schema.js';
import { describe, show, type Finding, type SchemaNode } from './schema-messages.js';
import { pointer, type Report } from './pointer.js';

// Compiled once: checking valid data (the common case) stays fast; errors are gathered only on failure.
const validators = {
  plan: Compile(Plan),
  registry: Compile(Registry),
  schoolYears: Compile(SchoolYears),
  workingDays: Compile(WorkingDaysYear),
  eventHistory: Compile(EventHistoryFile),
};
type Validators = typeof validators;

/** Enough to list every problem of a hand-edited file; TypeBox's default of 8 would hide most. */
const MAX_ERRORS = 2000;

function unescape(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function at(root: unknown, path: string): unknown {
  const segments = path.replace(/^#/, '').split('/').slice(1).map(unescape);
  return segments.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

function within(error: TValidationError, union: TValidationError): boolean {
  return (
    error.schemaPath.startsWith(union.schemaPath + '/anyOf/') &&
    (error.instancePath === union.instancePath || error.instancePath.startsWith(union.instancePath + '/'))
  );
}

function explainUnion(union: TValidationError, inner: TValidationError[], schema: TSchema, value: unknown): Finding[] {
  const branches = ((at(schema, union.schemaPath) as SchemaNode).anyOf ?? []) as SchemaNode[];
  const actual = at(value, union.instancePath);
  if (branches.every((b) => 'const' in b)) {
    const allowed = branches.map((b) => String(b.const)).join(', ');
    return [{ path: union.instancePath, message: `недопустимое значение ${show(actual)}; ожидается одно из: ${allowed}` }];
  }
  const kinds = branches.map((b) => (at(b, '#/properties/kind') as SchemaNode | undefined)?.const);
  if (kinds.every((k) => typeof k === 'string')) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [{ path: union.instancePath, message: `ожидается правило — объект { "kind": … }, а указано ${show(actual)}` }];
    }
    const kind = (actual as Record<string, unknown>).kind;
    const list = kinds.join(', ');
    if (kind === undefined) {
      return [{ path: union.instancePath, message: `обязательное поле "kind" отсутствует; допустимые виды правил: ${list}` }];
    }
    const index = kinds.indexOf(kind as string);
    if (index < 0) {
      return [{ path: union.instancePath + pointer('kind'), message: `неизвестный вид правила ${show(kind)}; допустимые: ${list}` }];
    }
    return collapse(branchErrors(inner, union, index), schema, value);
  }
  // No discriminator: the member that came closest explains the problem best.
  const best = branches.map((_, i) => branchErrors(inner, union, i)).sort((a, b) => a.length - b.length)[0] ?? [];
  return collapse(best, schema, value);
}

function branchErrors(inner: TValidationError[], union: TValidationError, index: number): TValidationError[] {
  const prefix = `${union.schemaPath}/anyOf/${index}`;
  return inner.filter((e) => e.schemaPath === prefix || e.schemaPath.startsWith(prefix + '/'));
}

/** Replaces each outermost union's errors by its explanation, keeping the document order. */
function collapse(errors: TValidationError[], schema: TSchema, value: unknown): Finding[] {
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const done = new Set<TValidationError>();
  const findings: Finding[] = [];
  for (const error of errors) {
    if (done.has(error)) continue;
    const outer = unions
      .filter((u) => u === error || within(error, u))
      .sort((a, b) => a.schemaPath.length - b.schemaPath.length)[0];
    if (outer) {
      const inner = errors.filter((e) => within(e, outer));
      [outer, ...inner].forEach((e) => done.add(e));
      findings.push(...explainUnion(outer, inner, schema, value));
    } else {
      done.add(error);
      findings.push(...describe(error, at(schema, error.schemaPath) as SchemaNode, at(value, error.instancePath)));
    }
  }
  return findings;
}

/** The same problem can surface twice (an additional property is also a `false` schema). */
function relevant(error: TValidationError): boolean {
  return !(error.keyword === 'boolean' && error.schemaPath.endsWith('/additionalProperties'));
}

/** Validates one file against its schema; reports every problem and narrows the value when valid. */
export function checkSchema(
  kind: keyof Validators,
  value: unknown,
  report: Report,
): boolean {
  const validator = validators[kind];
  if (validator.Check(value)) return true;
  const schema = validator.Type();
  const previous = Settings.Get().maxErrors;
  Settings.Set({ maxErrors: MAX_ERRORS });
  let errors: TValidationError[];
  try {
    errors = Value.Errors(schema, value).filter(relevant);
  } finally {
    Settings.Set({ maxErrors: previous });
  }
  const findings = collapse(errors, schema, value);
  const seen = new Set<string>();
  for (const { path, message } of findings) {
    const key = `${path}\n${message}`;
    if (!seen.has(key)) report(path, message);
    seen.add(key);
  }
  if (findings.length === 0) report('', 'файл не соответствует схеме');
  return false;
}
