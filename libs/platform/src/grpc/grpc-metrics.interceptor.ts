import { status as GrpcStatus } from '@grpc/grpc-js';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { ServiceMetrics } from '@mb/observability';
import { grpcFailureOf } from './grpc-errors';

/**
 * Counts and times every gRPC call a controller answers, by service, method and the status it
 * ends with (the same status GrpcErrorFilter then answers), as `grpc_server_handled_total` and
 * `grpc_server_handling_seconds`: the gRPC counterpart of the HTTP request histogram.
 */
@Injectable()
export class GrpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const { service, method } = rpcOf(context.getArgByIndex<{ getPath?: () => string } | undefined>(2)?.getPath?.());
    const observe = (status: GrpcStatus) =>
      this.metrics.observeGrpcCall({ service, method, code: GrpcStatus[status], seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    return next.handle().pipe(
      tap({
        complete: () => observe(GrpcStatus.OK),
        error: (error: unknown) => observe(grpcFailureOf(error).status),
      }),
    );
  }
}

/** `/milestone_billing.contract.v1.ContractService/CreateClient` → its service and method. */
export function rpcOf(path: string | undefined): { service: string; method: string } {
  const match = /^\/([^/]+)\/([^/]+)$/.exec(path ?? '');
  return match ? { service: match[1], method: match[2] } : { service: 'unknown', method: 'unknown' };
}
