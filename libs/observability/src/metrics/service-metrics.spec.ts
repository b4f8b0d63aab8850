import { ServiceMetrics } from './service-metrics';

interface Series {
  name: string;
  labels: Record<string, string | number | undefined>;
  value: number;
}

/** What a scrape would show, read through prom-client's JSON view (collect functions run as in a scrape). */
async function seriesOf(metrics: ServiceMetrics): Promise<Series[]> {
  const all = await metrics.registry.getMetricsAsJSON();
  return all.flatMap((metric) =>
    metric.values.map((value) => ({ name: (value as { metricName?: string }).metricName ?? metric.name, labels: { ...value.labels }, value: value.value })),
  );
}

function seriesMatching(series: Series[], name: string, labels: Record<string, string> = {}): Series[] {
  return series.filter((one) => one.name === name && Object.entries(labels).every(([label, value]) => String(one.labels[label]) === value));
}

function metricValue(series: Series[], name: string, labels: Record<string, string> = {}): number | undefined {
  const matching = seriesMatching(series, name, labels);
  return matching.length === 0 ? undefined : matching.reduce((sum, one) => sum + one.value, 0);
}

describe('service metrics', () => {
  const failures: { metric: string; error: unknown }[] = [];
  const aServiceMetrics = () => new ServiceMetrics((metric, error) => failures.push({ metric, error }));
  const scrape = seriesOf;

  beforeEach(() => failures.splice(0));

  it('serves the Prometheus text format', async () => {
    const metrics = aServiceMetrics();
    metrics.countDeadLetter('invoicing-service.billing', 'milestone.status_updated');
    const { contentType, body } = await metrics.exposition();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('# TYPE mb_dead_letters_total counter');
    expect(body).toContain('mb_dead_letters_total{consumergroup="invoicing-service.billing",topic="milestone.status_updated"} 1');
  });

  it('times HTTP requests by method, route template and status code', async () => {
    // given a service that answered two requests on one route and a 404
    const metrics = aServiceMetrics();
    metrics.observeHttpRequest({ method: 'GET', route: '/v1/invoices/:id', statusCode: 200, seconds: 0.004 });
    metrics.observeHttpRequest({ method: 'GET', route: '/v1/invoices/:id', statusCode: 200, seconds: 0.3 });
    metrics.observeHttpRequest({ method: 'GET', route: 'unmatched', statusCode: 404, seconds: 0.001 });
    // then the histogram counts them per series, with their total time and buckets
    const series = await scrape(metrics);
    const route = { method: 'GET', route: '/v1/invoices/:id', status_code: '200' };
    expect(metricValue(series, 'http_request_duration_seconds_count', route)).toBe(2);
    expect(metricValue(series, 'http_request_duration_seconds_sum', route)).toBeCloseTo(0.304, 6);
    expect(metricValue(series, 'http_request_duration_seconds_bucket', { ...route, le: '0.005' })).toBe(1);
    expect(metricValue(series, 'http_request_duration_seconds_bucket', { ...route, le: '0.5' })).toBe(2);
    expect(metricValue(series, 'http_request_duration_seconds_count', { route: 'unmatched', status_code: '404' })).toBe(1);
  });

  it('exports a dead-letter series at 0 before the first dead letter, so that the first one is an increase', async () => {
    // given a consumer group that declared its topic at start
    const metrics = aServiceMetrics();
    metrics.countDeadLetter('invoicing-service.billing', 'milestone.status_updated', 0);
    // then the series is there at 0
    const labels = { consumergroup: 'invoicing-service.billing', topic: 'milestone.status_updated' };
    expect(metricValue(await scrape(metrics), 'mb_dead_letters_total', labels)).toBe(0);
    // and the first dead letter takes it to 1
    metrics.countDeadLetter('invoicing-service.billing', 'milestone.status_updated');
    expect(metricValue(await scrape(metrics), 'mb_dead_letters_total', labels)).toBe(1);
  });

  it('exports a counter at 0 for every label set known in advance', async () => {
    const metrics = aServiceMetrics();
    metrics.counter({ name: 'mb_things_total', help: 'Things.', labelNames: ['outcome'], startsAtZeroFor: [{ outcome: 'applied' }, { outcome: 'failed' }] });
    const series = seriesMatching(await scrape(metrics), 'mb_things_total');
    expect(series.map((one) => [one.labels.outcome, one.value])).toEqual([
      ['applied', 0],
      ['failed', 0],
    ]);
  });

  it('counts dead letters per consumer group and source topic', async () => {
    const metrics = aServiceMetrics();
    metrics.countDeadLetter('invoicing-service.billing', 'milestone.status_updated');
    metrics.countDeadLetter('invoicing-service.billing', 'milestone.status_updated');
    metrics.countDeadLetter('invoicing-service.billing', 'contract.activated');
    const series = await scrape(metrics);
    expect(metricValue(series, 'mb_dead_letters_total', { consumergroup: 'invoicing-service.billing', topic: 'milestone.status_updated' })).toBe(2);
    expect(metricValue(series, 'mb_dead_letters_total', { topic: 'contract.activated' })).toBe(1);
  });

  it('reads a sampled gauge afresh at every scrape, dropping series the sample no longer has', async () => {
    // given a gauge sampled from a changing source
    const metrics = aServiceMetrics();
    let source = [
      { labels: { state: 'planned' }, value: 3 },
      { labels: { state: 'paid' }, value: 1 },
    ];
    metrics.sampledGauge({ name: 'mb_test_things', help: 'things by state', labelNames: ['state'], sample: async () => source });
    expect(metricValue(await scrape(metrics), 'mb_test_things', { state: 'planned' })).toBe(3);
    // when the source changes
    source = [{ labels: { state: 'paid' }, value: 4 }];
    // then the next scrape shows only what the source has now
    const series = await scrape(metrics);
    expect(seriesMatching(series, 'mb_test_things')).toEqual([{ name: 'mb_test_things', labels: { state: 'paid' }, value: 4 }]);
  });

  it('answers the scrape when a gauge cannot be read, showing it unknown rather than zero, and reports the failure', async () => {
    // given a healthy counter and two gauges whose source is down, one with labels, one without
    const metrics = aServiceMetrics();
    metrics.countDeadLetter('group', 'topic');
    const unreadable = () => Promise.reject(new Error('connection refused'));
    metrics.sampledGauge({ name: 'mb_test_unreadable_backlog', help: 'a gauge whose database is down', sample: unreadable });
    metrics.sampledGauge({ name: 'mb_test_unreadable_by_state', help: 'the same, by state', labelNames: ['state'], sample: unreadable });
    // when Prometheus scrapes
    const series = await scrape(metrics);
    // then the other metrics are served, the gauges read NaN or have no series, and both failures are reported
    expect(metricValue(series, 'mb_dead_letters_total')).toBe(1);
    expect(seriesMatching(series, 'mb_test_unreadable_backlog')).toEqual([{ name: 'mb_test_unreadable_backlog', labels: {}, value: Number.NaN }]);
    expect(seriesMatching(series, 'mb_test_unreadable_by_state')).toEqual([]);
    expect(failures.map(({ metric }) => metric).sort()).toEqual(['mb_test_unreadable_backlog', 'mb_test_unreadable_by_state']);
    expect(failures.every(({ error }) => (error as Error).message === 'connection refused')).toBe(true);
  });

  it('observes a histogram a service defines', async () => {
    const metrics = aServiceMetrics();
    metrics.histogram({ name: 'mb_test_wait_seconds', help: 'a wait', buckets: [1, 10] }).observe(4);
    const series = await scrape(metrics);
    expect(metricValue(series, 'mb_test_wait_seconds_bucket', { le: '1' })).toBe(0);
    expect(metricValue(series, 'mb_test_wait_seconds_bucket', { le: '10' })).toBe(1);
  });
});
