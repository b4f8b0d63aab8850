import { Controller, DynamicModule, Get, Module, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ServiceMetrics } from './service-metrics';

// Not part of the REST API's OpenAPI document: Prometheus's text format, for Prometheus.
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get('metrics')
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    await reply.header('content-type', contentType).send(body);
  }
}

@Module({})
export class MetricsModule {
  static exposing(metrics: ServiceMetrics): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: ServiceMetrics, useValue: metrics }],
    };
  }
}

/** What recordHttpRequests needs of a Fastify instance (Nest's adapter may bring its own Fastify copy). */
interface ResponseHooks {
  addHook(
    name: 'onResponse',
    hook: (request: { method: string; routeOptions: { url?: string } }, reply: { statusCode: number; elapsedTime: number }) => Promise<void>,
  ): unknown;
}

/**
 * Times every request Fastify answers, labelled by its route template (`/v1/invoices/:id`, not
 * the id, so the series stay few) or `unmatched` for a 404 on no route.
 */
export function recordHttpRequests(fastify: ResponseHooks, metrics: ServiceMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.observeHttpRequest({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      statusCode: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    });
  });
}
