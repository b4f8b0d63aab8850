import { startTracing } from '@mb/observability';

/**
 * Tracing starts before the rest of the service loads, so that the HTTP instrumentation hooks
 * node:http ahead of Nest and Fastify. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
export const stopTracing = startTracing('invoicing-service');
