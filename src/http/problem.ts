/** Problems as the HTTP layer raises and documents them; their shape and kinds are src/api/problem.ts. */
import Type from 'typebox';
import { PROBLEM_CONTENT_TYPE, PROBLEM_KINDS, type ProblemKind } from '../api/problem.js';

/** Thrown by HTTP-layer code to answer with a specific problem; the error handler renders it. */
export class HttpProblem extends Error {
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly parameter: string | undefined;

  constructor(kind: ProblemKind, detail: string, parameter?: string) {
    super(detail);
    this.name = 'HttpProblem';
    this.kind = kind;
    this.detail = detail;
    this.parameter = parameter;
  }

  get statusCode(): number {
    return PROBLEM_KINDS[this.kind].status;
  }
}

export function notFound(detail: string): HttpProblem {
  return new HttpProblem('not-found', detail);
}

export function invalidParameter(parameter: string, detail: string): HttpProblem {
  return new HttpProblem('invalid-parameter', detail, parameter);
}

/**
 * Response schemas for the problems a route can answer with, for validation-free docs (OpenAPI).
 * Any route can fail inside, so the 500 problem is always listed. The schema is a reference to
 * the shared `ProblemDetails` (the problems plugin registers it).
 */
export function problemResponses(...kinds: readonly ProblemKind[]) {
  const responses: Record<number, unknown> = {};
  for (const kind of [...kinds, 'internal-error' as const]) {
    responses[PROBLEM_KINDS[kind].status] = {
      description: PROBLEM_KINDS[kind].title,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: Type.Ref('ProblemDetails') } },
    };
  }
  return responses;
}
