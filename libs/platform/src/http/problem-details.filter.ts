import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@mb/observability';
import { DomainRejection } from '@mb/kernel';

/** RFC 9457 problem details; `errors` lists each field at fault and the rule it broke. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; rule: string; message: string }[];
}

const STATUS_OF_REJECTION = { invalid: HttpStatus.UNPROCESSABLE_ENTITY, conflict: HttpStatus.CONFLICT, not_found: HttpStatus.NOT_FOUND } as const;

/** Thrown by the API layer for a request it refuses before any use case runs. */
export class RequestRejection extends HttpException {
  /** Headers the answer carries besides the problem (a 401's WWW-Authenticate challenge). */
  readonly responseHeaders?: Record<string, string>;

  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly errors?: ProblemDetails['errors'],
  ) {
    super(detail, status);
  }
}

/**
 * Every error leaves the service as application/problem+json. Business rejections keep their
 * stable code; anything unexpected is a 500 whose detail hides internals (the log has them).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = problemOf(exception, request.url);
    if (problem.status >= 500) this.logger.error({ err: exception, url: request.url }, 'request failed');
    if (exception instanceof RequestRejection && exception.responseHeaders) void reply.headers(exception.responseHeaders);
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}

/** The problem an error answers with: the one place statuses and codes are decided. */
export function problemOf(exception: unknown, instance: string): ProblemDetails {
  if (exception instanceof DomainRejection) {
    const status = STATUS_OF_REJECTION[exception.kind];
    return {
      ...base(status, exception.code, exception.message, instance),
      ...(exception.field ? { errors: [{ field: exception.field, rule: exception.code, message: exception.message }] } : {}),
    };
  }
  if (exception instanceof RequestRejection) {
    return { ...base(exception.getStatus(), exception.code, exception.message, instance), ...(exception.errors ? { errors: exception.errors } : {}) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return base(status, status === 404 ? 'route.not_found' : `http.${status}`, exception.message, instance);
  }
  return base(HttpStatus.INTERNAL_SERVER_ERROR, 'internal_error', 'The request could not be completed; it has been logged.', instance);
}

function base(status: number, code: string, detail: string, instance: string): ProblemDetails {
  return { type: `urn:milestone-billing:problem:${code}`, title: titleOf(status), status, detail, instance, code };
}

function titleOf(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    409: 'Conflict',
    415: 'Unsupported media type',
    422: 'Unprocessable content',
    429: 'Too many requests',
    500: 'Internal server error',
    503: 'Service unavailable',
  };
  return titles[status] ?? 'Error';
}
