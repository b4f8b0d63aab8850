import { isUntracedRequest, tracingSettingsFrom } from './tracing-settings';

describe('tracing settings', () => {
  const collector = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' };

  it('stays off when no collector endpoint is set, as on a laptop running bin/start', () => {
    expect(tracingSettingsFrom({}, 'invoicing-service')).toEqual({ enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT' });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, 'invoicing-service').enabled).toBe(false);
  });

  it('exports under the service name given when a collector endpoint is set', () => {
    expect(tracingSettingsFrom(collector, 'invoicing-service')).toEqual({ enabled: true, serviceName: 'invoicing-service' });
  });

  it('honours the traces-only endpoint too', () => {
    const settings = tracingSettingsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel-collector:4318/v1/traces' }, 'invoicing-service');
    expect(settings.enabled).toBe(true);
  });

  it('prefers OTEL_SERVICE_NAME, as the deployments set it', () => {
    expect(tracingSettingsFrom({ ...collector, OTEL_SERVICE_NAME: 'invoicing-eu' }, 'invoicing-service')).toEqual({
      enabled: true,
      serviceName: 'invoicing-eu',
    });
  });

  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }, 'OTEL_SDK_DISABLED is true'],
    [{ OTEL_SDK_DISABLED: 'TRUE' }, 'OTEL_SDK_DISABLED is true'],
    [{ OTEL_TRACES_EXPORTER: 'none' }, 'OTEL_TRACES_EXPORTER is none'],
  ])('stays off with a collector endpoint when %p', (switches, reason) => {
    expect(tracingSettingsFrom({ ...collector, ...switches }, 'invoicing-service')).toEqual({ enabled: false, reason });
  });

  it('is not disabled by OTEL_SDK_DISABLED=false', () => {
    expect(tracingSettingsFrom({ ...collector, OTEL_SDK_DISABLED: 'false' }, 'invoicing-service').enabled).toBe(true);
  });

  it.each([
    ['/health/live', true],
    ['/health/ready?verbose=1', true],
    ['/metrics', true],
    ['/v1/invoices', false],
    ['/healthcheck-report', false],
    [undefined, false],
  ])('leaves %p untraced: %p', (url, untraced) => {
    expect(isUntracedRequest(url)).toBe(untraced);
  });
});
