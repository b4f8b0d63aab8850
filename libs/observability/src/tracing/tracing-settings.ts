/** What startTracing does in this process, decided from the standard OTEL_* variables alone. */
export type TracingSettings =
  | { readonly enabled: true; readonly serviceName: string }
  | { readonly enabled: false; readonly reason: string };

/**
 * Traces are exported only where a collector is named: OTEL_EXPORTER_OTLP_ENDPOINT (or its
 * traces-only variant OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), so a laptop or a test run without one
 * pays nothing. OTEL_SDK_DISABLED=true and OTEL_TRACES_EXPORTER=none turn it off as the
 * OpenTelemetry SDK configuration specification says they should.
 */
export function tracingSettingsFrom(
  environment: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): TracingSettings {
  const value = (name: string) => environment[name]?.trim() || undefined;
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED is true' };
  if (value('OTEL_TRACES_EXPORTER')?.toLowerCase() === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER is none' };
  if (!value('OTEL_EXPORTER_OTLP_ENDPOINT') && !value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) {
    return { enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT' };
  }
  return { enabled: true, serviceName: value('OTEL_SERVICE_NAME') ?? defaultServiceName };
}

/**
 * Requests that would only bury the traces worth reading: liveness and readiness probes (every
 * few seconds from the orchestrator) and Prometheus scrapes.
 */
export function isUntracedRequest(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path.startsWith('/health/') || path === '/metrics';
}
