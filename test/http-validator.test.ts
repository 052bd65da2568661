/**
 * The app's validator compiler (src/http/validator.ts) checks before converting; it must give
 * exactly what `TypeBoxValidatorCompiler` gave — the same value for valid input, the same
 * coercions, the same errors (the 400 problems are built from them) — for every schema the app's
 * routes compile, and for the other kinds of schema TypeBox converts.
 */
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import fc from 'fast-check';
import Type, { type TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as validator from '../src/http/validator.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

type FastifyRouteSchemaDef<T> = Parameters<FastifySchemaCompiler<T>>[0];

// Every (schema, part) the app's routes hand to the validator compiler, recorded as they compile.
const compiled = vi.hoisted(() => [] as FastifyRouteSchemaDef<TSchema>[]);
vi.mock('../src/http/validator.js', async (importOriginal) => {
  const real = await importOriginal<typeof validator>();
  const recording: FastifySchemaCompiler<TSchema> = (definition) => {
    compiled.push(definition);
    return real.checkFirstValidatorCompiler(definition);
  };
  return { checkFirstValidatorCompiler: recording };
});

// The compiler itself, not the recording stand-in the app gets.
const { checkFirstValidatorCompiler } = await vi.importActual<typeof validator>('../src/http/validator.js');

type Result = { value?: unknown; error?: unknown };

/** Both compilers on their own copy of the input (TypeBox's Convert mutates what it is given). */
function both(definition: FastifyRouteSchemaDef<TSchema>, input: unknown): { before: Result; now: Result } {
  const before = TypeBoxValidatorCompiler(definition)(structuredClone(input)) as Result;
  const now = checkFirstValidatorCompiler(definition)(structuredClone(input)) as Result;
  return { before, now };
}

// Strings a query or path may carry: valid values of the app's parameters, near misses, noise.
const WORDS = [
  '', '0', '1', '2', '7', '1,7', '0,60,1,2,3', '3,8,12', '1,', ',1', '99999', '1.5', '-1', 'abc', 'true', 'false', 'null',
  'general', 'preschool', 'additional', 'schools', 'sosh-6', 'Not_An_Id', '-sosh', 'a'.repeat(65),
  '2025-09-01', '2026-08-31', '2025-02-30', '20250901', ' 1', '1 ', '%ff',
];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 }));
const queryValue = fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.array(word, { minLength: 2, maxLength: 3 }) });

function propertyNames(schema: TSchema): string[] {
  const properties = (schema as { properties?: Record<string, unknown> }).properties;
  return properties === undefined ? [] : Object.keys(properties);
}

/** Objects as Fastify hands them over: the schema's own keys (some left out) and a few strangers. */
function requestPart(schema: TSchema) {
  const names = [...propertyNames(schema), 'colour', 'x'];
  return fc.dictionary(fc.constantFrom(...names), queryValue, { maxKeys: names.length });
}

describe('checkFirstValidatorCompiler answers as TypeBoxValidatorCompiler did', () => {
  let t: TestApp;
  let routeSchemas: FastifyRouteSchemaDef<TSchema>[];
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.ready();
    routeSchemas = [...compiled];
  });
  afterAll(async () => t.close());

  it('is what the app validates with: feed, API and params schemas all went through it', () => {
    const parts = new Set(routeSchemas.map((d) => d.httpPart));
    expect(parts).toEqual(new Set(['querystring', 'params']));
    // The feed query, the occurrences query, NoQuery, the feed type and the organization id.
    const distinct = new Set(routeSchemas.map((d) => JSON.stringify(d.schema)));
    expect(distinct.size).toBeGreaterThanOrEqual(5);
  });

  it('for every route schema of the app, on valid, coercible and invalid input', () => {
    const seen = new Set<string>();
    for (const definition of routeSchemas) {
      const id = `${definition.httpPart} ${JSON.stringify(definition.schema)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      fc.assert(
        fc.property(requestPart(definition.schema), (input) => {
          const { before, now } = both(definition, input);
          expect(now).toEqual(before);
        }),
        { numRuns: 300 },
      );
    }
    expect(seen.size).toBeGreaterThanOrEqual(5);
  });

  it('returns a valid value as it came, without converting it', () => {
    const definition = routeSchemas.find((d) => d.httpPart === 'querystring' && propertyNames(d.schema).includes('reminders'));
    expect(definition).toBeDefined();
    const input = { reminders: '1,7', daily: '0' };
    const result = checkFirstValidatorCompiler(definition as FastifyRouteSchemaDef<TSchema>)(input) as Result;
    expect(result.value).toBe(input);
  });
});

describe('the same coercions and errors for the kinds of schema TypeBox converts', () => {
  const schemas: Record<string, TSchema> = {
    number: Type.Object({ n: Type.Number({ minimum: 0 }), i: Type.Optional(Type.Integer()) }),
    boolean: Type.Object({ b: Type.Boolean() }),
    numberOrString: Type.Object({ u: Type.Union([Type.Number(), Type.String({ minLength: 2 })]) }),
    literals: Type.Object({ l: Type.Union([Type.Literal(1), Type.Literal('one'), Type.Literal(true)]) }),
    array: Type.Object({ a: Type.Array(Type.Integer(), { maxItems: 3 }) }),
    nullable: Type.Object({ z: Type.Union([Type.Null(), Type.Number()]) }),
    extra: Type.Object({ k: Type.String() }, { additionalProperties: Type.Number() }),
  };
  const loose = fc.oneof(
    word,
    fc.integer({ min: -5, max: 5 }),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(word, fc.integer()), { maxLength: 4 }),
  );
  for (const [name, schema] of Object.entries(schemas)) {
    for (const httpPart of ['querystring', 'params', 'headers', 'body'] as const) {
      it(`${name}, ${httpPart}`, () => {
        const names = [...propertyNames(schema), 'other'];
        const definition = { schema, httpPart, method: 'GET', url: '/' } satisfies FastifyRouteSchemaDef<TSchema>;
        fc.assert(
          fc.property(fc.dictionary(fc.constantFrom(...names), loose, { maxKeys: names.length }), (input) => {
            const { before, now } = both(definition, input);
            expect(now).toEqual(before);
          }),
          { numRuns: 200 },
        );
      });
    }
  }
});
