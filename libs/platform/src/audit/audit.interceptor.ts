import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Logger } from '@mb/observability';
import type { Clock } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { rememberedCaller } from '../auth/access-policy';
import { grpcFailureOf } from '../grpc/grpc-errors';
import { problemOf } from '../http/problem-details.filter';
import type { AuditActor, AuditFacts, AuditOutcome } from './audit-chain';
import { SERVICE_CLOCK, SERVICE_LOGGER } from '../service/service-runtime';
import { AuditLog } from './audit-log';

/** Who a command nobody authenticated came from: only public routes, which are no commands today. */
export const ANONYMOUS_ACTOR: AuditActor = { subject: 'anonymous', role: null, clientId: null };

/** Who made a request or call, as AccessGuard verified it: the token's subject, roles and client. */
export function actorOf(carrier: object): AuditActor {
  const caller = rememberedCaller(carrier);
  return caller ? { subject: caller.subject, role: caller.roles.join(',') || null, clientId: caller.clientId } : ANONYMOUS_ACTOR;
}

/** Reads (GET; gRPC Get… and List…) change nothing and are not commands. */
const READ_ONLY_GRPC = /^(Get|List)[A-Z]/;

/**
 * Issue 12 "Audit log": records every command (an HTTP POST, PUT, PATCH or DELETE; a gRPC method
 * other than Get…/List…) with who, what, when, from where and the outcome. A command that succeeds
 * is recorded in its transaction (the use case's unit of work joins the one opened here, or both
 * join the Idempotency-Key's), so no change commits without its row. One that is refused or fails
 * changes nothing, and is recorded in a transaction of its own on another connection: the
 * transaction around it is rolled back (to the Idempotency-Key's savepoint, when there is one) and
 * would take the row with it. The row is appended last, after every lock the command took, so the
 * two connections cannot wait on each other.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: TypeOrmUnitOfWork,
    @Inject(AuditLog) private readonly log: AuditLog,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const command = commandOf(context);
    if (command === null) return next.handle();
    return from(this.record(context, command, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async record(context: ExecutionContext, command: string, handle: () => Promise<unknown>): Promise<unknown> {
    const where = originOf(context);
    try {
      return await this.unitOfWork.transaction(async (manager) => {
        const result = await handle();
        await this.log.append(manager, this.facts(where, command, targetOf(context, result), 'succeeded', successStatusOf(context), null));
        return result;
      });
    } catch (error) {
      const { outcome, status, code } = failureOf(context, error);
      await this.dataSource
        .transaction((manager) => this.log.append(manager, this.facts(where, command, targetOf(context, undefined), outcome, status, code)))
        .catch((auditError: unknown) => this.logger.error({ err: auditError, command }, 'the audit row of a refused command could not be written'));
      throw error;
    }
  }

  private facts(where: Origin, command: string, targetId: string | null, outcome: AuditOutcome, status: string, code: string | null): AuditFacts {
    return { recordedAt: this.clock.now(), actor: where.actor, command, targetId, requestId: where.requestId, traceId: where.traceId, outcome, status, code };
  }
}

interface Origin {
  readonly actor: AuditActor;
  readonly requestId: string | null;
  readonly traceId: string | null;
}

function originOf(context: ExecutionContext): Origin {
  const traceId = trace.getActiveSpan()?.spanContext().traceId ?? null;
  if (context.getType() === 'http') {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return { actor: actorOf(request), requestId: String(request.id), traceId };
  }
  return { actor: actorOf(context.switchToRpc().getContext<object>()), requestId: null, traceId };
}

/** The command's name, or null for a read. */
export function commandOf(context: ExecutionContext): string | null {
  if (context.getType() === 'http') {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return null;
    return `${request.method} ${request.routeOptions.url ?? request.url}`;
  }
  if (context.getType() === 'rpc') {
    // The method as the proto names it, from @GrpcMethod's pattern: { service, rpc }.
    const [pattern] = (Reflect.getMetadata(PATTERN_METADATA, context.getHandler()) ?? []) as { service?: string; rpc?: string }[];
    if (!pattern?.rpc || READ_ONLY_GRPC.test(pattern.rpc)) return null;
    return `gRPC ${pattern.service}/${pattern.rpc}`;
  }
  return null;
}

/** The resource acted on: the path's id, else the id of what the command returned. */
function targetOf(context: ExecutionContext, result: unknown): string | null {
  if (context.getType() === 'http') {
    const params = context.switchToHttp().getRequest<FastifyRequest>().params as Record<string, string> | undefined;
    const fromPath = params?.id ?? Object.values(params ?? {})[0];
    if (typeof fromPath === 'string') return fromPath;
  } else {
    const request = context.switchToRpc().getData<Record<string, unknown> | undefined>();
    const fromRequest = Object.entries(request ?? {}).find(([field, value]) => field.endsWith('_id') && typeof value === 'string');
    if (fromRequest) return fromRequest[1] as string;
  }
  return idIn(result);
}

function idIn(result: unknown): string | null {
  if (result === null || typeof result !== 'object') return null;
  const direct = (result as { id?: unknown }).id;
  if (typeof direct === 'string') return direct;
  // gRPC answers wrap the resource ({ client: {...} }).
  for (const value of Object.values(result)) {
    const nested = (value as { id?: unknown } | null)?.id;
    if (typeof nested === 'string') return nested;
  }
  return null;
}

function successStatusOf(context: ExecutionContext): string {
  if (context.getType() !== 'http') return 'OK';
  const declared: number | undefined = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return String(declared ?? (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK));
}

function failureOf(context: ExecutionContext, error: unknown): { outcome: AuditOutcome; status: string; code: string } {
  if (context.getType() === 'http') {
    const problem = problemOf(error, '');
    return { outcome: problem.status >= 500 ? 'failed' : 'refused', status: String(problem.status), code: problem.code };
  }
  const failure = grpcFailureOf(error);
  return { outcome: failure.status === GrpcStatus.INTERNAL ? 'failed' : 'refused', status: GrpcStatus[failure.status], code: failure.code };
}
