import { applyDecorators } from '@nestjs/common';
import { ApiHeader, DECORATORS, getSchemaPath } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency';
import { IdempotencyKeyPolicy, IdempotencyPolicy } from './idempotency-policy';
import { PROBLEM_SCHEMA } from './problem.response';

/** The statuses an operation refuses a request with; each is described once, here. */
export type ProblemStatus = 400 | 401 | 404 | 409 | 422 | 503;

/** For each status, the stable `code`s an operation can answer with. */
export type ProblemCodes = Partial<Record<ProblemStatus, readonly string[]>>;

const MEANING: Record<ProblemStatus, string> = {
  400: 'The request is malformed and nothing ran: `errors[]` lists every field at fault with the rule it broke.',
  404: 'What the request names does not exist.',
  409: "The resource's current state forbids the request, or another request changed it first; reload and decide again.",
  422: 'A business rule refuses the request and nothing changed; `errors[]` names the field when one is at fault.',
  // For the credentials an operation checks itself (a sign-in link's token); a bearer token's 401 is AccessGuard's, documented with the roles.
  401: 'The credential the request carries is not valid, and nothing changed.',
  503: 'The service cannot do this now (not configured for it, or something it needs is out of reach), and nothing changed; not a verdict on the request.',
};

/** Kept on the handler so that several decorators (ApiProblems, ApiIdempotencyKey) add up. */
const PROBLEM_CODES = Symbol('mb:problem-codes');

/**
 * Documents the problem+json answers of an operation, with the codes it can return:
 * `@ApiProblems({ 404: ['contract.not_found'], 409: ['contract.not_draft'] })`.
 * Repeated uses add their codes up; each status is one response with the shared Problem schema.
 */
export function ApiProblems(problems: ProblemCodes): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as object;
    const codes: ProblemCodes = { ...(Reflect.getMetadata(PROBLEM_CODES, handler) as ProblemCodes | undefined) };
    for (const status of Object.keys(problems).map(Number) as ProblemStatus[]) {
      codes[status] = orderCodes([...(codes[status] ?? []), ...(problems[status] ?? [])]);
    }
    Reflect.defineMetadata(PROBLEM_CODES, codes, handler);

    const responses = { ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as Record<string, unknown> | undefined) };
    for (const [status, list] of Object.entries(codes)) {
      // Content given in full: the operation's `produces` (application/json, application/pdf) is for its success answer only.
      responses[status] = {
        description: `${MEANING[Number(status) as ProblemStatus]} Codes: ${list.map((code) => `\`${code}\``).join(', ')}.`,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA) } } },
      };
    }
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, handler);
    return descriptor;
  };
}

/** The problems IdempotencyInterceptor answers with on a POST that carries the header. */
export const IDEMPOTENCY_PROBLEMS = {
  400: ['idempotency_key.invalid'],
  409: ['idempotency_key.in_progress'],
  422: ['idempotency_key.reused'],
} as const satisfies ProblemCodes;

/**
 * Declares and documents the `Idempotency-Key` header of a POST (IdempotencyInterceptor serves it
 * on every POST) and the problems it adds. `required` makes it mandatory (400
 * `idempotency_key.missing` without it); `neverStored` names response fields the stored answer
 * leaves out, so a replay never shows them (a secret shown once).
 */
export function ApiIdempotencyKey(policy: Partial<IdempotencyPolicy> = {}): MethodDecorator {
  const neverStored = policy.neverStored ?? [];
  return applyDecorators(
    IdempotencyKeyPolicy(policy),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: policy.required ?? false,
      description:
        (policy.required ? 'Required: this operation is refused without one (400 `idempotency_key.missing`). ' : '') +
        'Makes a retry safe. Keys are scoped to the caller and the operation and kept 24 hours. ' +
        'The same key with the same request (the parsed body, keys in any order) returns the first answer, whatever its status (a 4xx refusal too), ' +
        'with `Idempotent-Replayed: true`, without running the request again; ' +
        'the same key with another body is refused (422 `idempotency_key.reused`); while the first request runs, 409 `idempotency_key.in_progress` with `Retry-After`. ' +
        'A request refused before it ran (400 `request.*`) or failing with a 5xx stores nothing: the key stays free.' +
        (neverStored.length ? ` A replayed answer leaves out ${neverStored.map((field) => `\`${field}\``).join(', ')}, shown only in the first.` : ''),
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: '^[\\x21-\\x7e]+$', example: '7f1c2a4e-5b9d-4e8a-9c3f-2d6b8e0a1f47' },
    }),
    ApiProblems(policy.required ? { ...IDEMPOTENCY_PROBLEMS, 400: [...IDEMPOTENCY_PROBLEMS[400], 'idempotency_key.missing'] } : IDEMPOTENCY_PROBLEMS),
  );
}

/** The operation's own codes first, in the order given; the platform's (request.*, idempotency_key.*) around them. */
function orderCodes(codes: string[]): string[] {
  const unique = [...new Set(codes)];
  const rank = (code: string) => (code.startsWith('request.') ? 0 : code.startsWith('idempotency_key.') ? 2 : 1);
  return unique.map((code, position) => ({ code, position })).sort((a, b) => rank(a.code) - rank(b.code) || a.position - b.position).map(({ code }) => code);
}
