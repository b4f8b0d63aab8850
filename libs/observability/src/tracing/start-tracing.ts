import type { IncomingMessage } from 'node:http';
import { isUntracedRequest, tracingSettingsFrom } from './tracing-settings';

/** Exports the spans still buffered and stops tracing; resolves at once when tracing is off. */
export type StopTracing = () => Promise<void>;

/**
 * Starts OpenTelemetry tracing for the whole process, when tracingSettingsFrom says so: spans go
 * over OTLP/HTTP to the collector the OTEL_EXPORTER_OTLP_* variables name (batched, exporter
 * options read from the same variables), each incoming HTTP request becomes a server span
 * (health probes and scrapes excepted), and context crosses HTTP hops as W3C trace context (the
 * SDK's default propagators, or OTEL_PROPAGATORS). Resource attributes come from
 * OTEL_RESOURCE_ATTRIBUTES and the host; the service name from OTEL_SERVICE_NAME or the one given.
 *
 * Call it before anything loads the HTTP server (a service's `instrumentation.ts`, imported first
 * by its main.ts), once per process: the SDK registers itself globally. Services that share a
 * process, as in integration tests, never call it.
 *
 * Only traces: metrics are Prometheus's (prom-client), logs are pino's JSON lines on stdout.
 */
export function startTracing(serviceName: string): StopTracing {
  // The SDK and its exporter read process.env themselves; the decision reads the same variables.
  const settings = tracingSettingsFrom(process.env, serviceName);
  if (!settings.enabled) return async () => undefined;
  // Loaded only when tracing is on: the SDK brings every exporter it knows (gRPC included), some
  // 500 modules and a few hundred milliseconds that a process without a collector should not pay.
  // Synchronously, because the HTTP instrumentation must be in place before main.ts goes on.
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => isUntracedRequest(request.url) }),
    ],
    // Empty on purpose: otherwise the SDK starts OTLP metric and log exporters of its own.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return () => (stopped ??= sdk.shutdown());
}
