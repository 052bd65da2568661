import type { FastifyError, FastifyRequest } from 'fastify';
import type { ProblemKind } from '../api/problem.js';

export interface DescribedProblem {
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly parameter?: string;
}

interface ObjectSchemaLike {
  readonly properties?: Readonly<Record<string, { readonly description?: string }>>;
}

function pointerHead(pointer: string): string | undefined {
  const head = pointer.split('/')[1];
  return head === undefined || head === '' ? undefined : head.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The first required parameter the query lacks (TypeBox reports `requiredProperties`, Ajv `missingProperty`). */
function missingParameter(error: FastifyError): string | undefined {
  for (const issue of error.validation ?? []) {
    if (issue.keyword !== 'required') continue;
    const params = issue.params as { readonly requiredProperties?: readonly string[]; readonly missingProperty?: string };
    const name = params.requiredProperties?.[0] ?? params.missingProperty;
    if (name !== undefined) return name;
  }
  return undefined;
}

function describeQuery(error: FastifyError, request: FastifyRequest): DescribedProblem {
  const query = (request.query ?? {}) as Readonly<Record<string, unknown>>;
  const schema = request.routeOptions.schema?.querystring as ObjectSchemaLike | undefined;
  const properties = schema?.properties ?? {};
  const known = Object.keys(properties);

  const unknown = Object.keys(query).filter((name) => !known.includes(name));
  const first = unknown[0];
  if (first !== undefined) {
    const allowed = known.length > 0 ? `Допустимые параметры: ${known.join(', ')}.` : 'Этот адрес не принимает параметров.';
    return { kind: 'invalid-parameter', parameter: first, detail: `Неизвестный параметр «${first}». ${allowed}` };
  }
  const repeated = known.find((name) => Array.isArray(query[name]));
  if (repeated !== undefined) {
    return {
      kind: 'invalid-parameter',
      parameter: repeated,
      detail: `Параметр «${repeated}» указан несколько раз. Укажите его один раз; несколько значений перечисляются через запятую.`,
    };
  }
  const absent = missingParameter(error);
  if (absent !== undefined) {
    const hint = properties[absent]?.description;
    return {
      kind: 'invalid-parameter',
      parameter: absent,
      detail: `Не указан обязательный параметр «${absent}».${hint === undefined ? '' : ` ${hint}`}`,
    };
  }
  const name = pointerHead(error.validation?.[0]?.instancePath ?? '') ?? known.find((n) => query[n] !== undefined);
  if (name === undefined) return { kind: 'invalid-parameter', detail: 'Неверные параметры запроса.' };
  const hint = properties[name]?.description;
  return {
    kind: 'invalid-parameter',
    parameter: name,
    detail: `Неверное значение параметра «${name}»: «${String(query[name])}».${hint === undefined ? '' : ` ${hint}`}`,
  };
}

/** Turns a schema validation failure into a problem a person can act on. */
export function describeValidationError(error: FastifyError, request: FastifyRequest, publicUrl: string): DescribedProblem {
  switch (error.validationContext) {
    case 'querystring':
      return describeQuery(error, request);
    case 'params': {
      // A path segment outside its schema names nothing that exists: that is a 404, not a 400.
      const explain = request.routeOptions.config.notFoundDetail;
      const params = (request.params ?? {}) as Readonly<Record<string, unknown>>;
      const path = request.url.split('?')[0] ?? request.url;
      return { kind: 'not-found', detail: explain?.(params, publicUrl) ?? `Адрес «${path}» не найден.` };
    }
    default:
      return { kind: 'invalid-parameter', detail: 'Запрос не прошёл проверку: неверные заголовки или тело запроса.' };
  }
}
