import { applyDecorators, ArgumentsHost, Catch, Controller, Inject, Injectable, RpcExceptionFilter, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import type { Logger } from '@mb/observability';
import { AccessGuard } from '../auth/access.guard';
import { SERVICE_LOGGER } from '../service/service-runtime';
import { grpcFailureOf, grpcStatusOf } from './grpc-errors';
import { GrpcMetricsInterceptor } from './grpc-metrics.interceptor';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { GrpcIdempotencyInterceptor } from './grpc-idempotency.interceptor';

/**
 * Every error leaves a gRPC call as a status: business rejections and refused requests keep their
 * stable code (trailing metadata `mb-error-code`) and fields; anything unexpected is INTERNAL with
 * a message that hides internals (the log has them). The gRPC face of ProblemDetailsFilter.
 */
@Catch()
@Injectable()
export class GrpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const failure = grpcFailureOf(exception);
    if (failure.code === 'internal_error') {
      const call = host.getArgByIndex<{ getPath?: () => string } | undefined>(2);
      this.logger.error({ err: exception, rpc: call?.getPath?.() }, 'gRPC call failed');
    }
    return throwError(() => grpcStatusOf(failure));
  }
}

/**
 * Marks a class of @GrpcMethod handlers: a controller whose calls AccessGuard authenticates and
 * authorizes (by its @AccessPolicy; none declared, none allowed), whose calls GrpcMetricsInterceptor
 * counts, whose commands take an `idempotency-key` (GrpcIdempotencyInterceptor) and are audited,
 * and whose errors GrpcErrorFilter answers. (A guard, filter or interceptor registered
 * globally on the hybrid application's gRPC server would come too late: Nest binds the handlers as
 * the server is connected.)
 */
export function GrpcController(): ClassDecorator {
  // Idempotency outside the audit, as over REST: a replay is no new command, and a command's audit
  // row commits in its key's transaction.
  return applyDecorators(Controller(), UseGuards(AccessGuard), UseInterceptors(GrpcMetricsInterceptor, GrpcIdempotencyInterceptor, AuditInterceptor), UseFilters(GrpcErrorFilter));
}
