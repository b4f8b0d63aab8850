import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One value of a gauge read at scrape time, with its labels. */
export interface GaugeSample<Label extends string> {
  readonly labels: Partial<Record<Label, string>>;
  readonly value: number;
}

export interface SampledGaugeDefinition<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
  /** Reads the current values, e.g. with one SQL query; called on every scrape. */
  readonly sample: () => Promise<readonly GaugeSample<Label>[]>;
}

export interface HistogramDefinition<Label extends string> {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly Label[];
  readonly buckets: number[];
}

// Seconds; from a fast in-memory answer to a slow PDF or a database under load.
const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one service instance, exposed on GET /metrics. Each instance has its
 * own registry (integration tests run several services in one process). The metric names are the
 * ones deploy/prometheus/alerts.yml and the Grafana dashboard are written against; Prometheus adds
 * the `service` and `system` labels from its scrape configuration, so the service does not.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly deadLetters: Counter<'consumergroup' | 'topic'>;
  private readonly grpcHandled: Counter<'grpc_type' | 'grpc_service' | 'grpc_method' | 'grpc_code'>;
  private readonly grpcHandling: Histogram<'grpc_type' | 'grpc_service' | 'grpc_method'>;

  /** @param reportSampleFailure told when a sampled gauge cannot be read; the scrape still answers. */
  constructor(private readonly reportSampleFailure: (metric: string, error: unknown) => void) {
    this.httpRequestDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests served, by method, route template and status code, and how long they took.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [this.registry],
    });
    // The names and labels of go-grpc-prometheus, which gRPC dashboards and alerts are written for.
    this.grpcHandled = new Counter({
      name: 'grpc_server_handled_total',
      help: 'gRPC calls completed on the server, by service, method and status code.',
      labelNames: ['grpc_type', 'grpc_service', 'grpc_method', 'grpc_code'],
      registers: [this.registry],
    });
    this.grpcHandling = new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'How long gRPC calls took to complete on the server, by service and method.',
      labelNames: ['grpc_type', 'grpc_service', 'grpc_method'],
      buckets: HTTP_DURATION_BUCKETS,
      registers: [this.registry],
    });
    this.deadLetters = new Counter({
      name: 'mb_dead_letters_total',
      help: 'Messages a consumer group sent to <topic>.dlt after they failed permanently or too often.',
      labelNames: ['consumergroup', 'topic'],
      registers: [this.registry],
    });
  }

  /** CPU, memory, event-loop lag and GC of this process: once per process, not per test instance. */
  collectProcessMetrics(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttpRequest(request: { method: string; route: string; statusCode: number; seconds: number }): void {
    this.httpRequestDuration.observe({ method: request.method, route: request.route, status_code: String(request.statusCode) }, request.seconds);
  }

  /** One unary gRPC call, e.g. `milestone_billing.contract.v1.ContractService`, `CreateClient`, `NOT_FOUND`. */
  observeGrpcCall(call: { service: string; method: string; code: string; seconds: number }): void {
    const labels = { grpc_type: 'unary', grpc_service: call.service, grpc_method: call.method };
    this.grpcHandled.inc({ ...labels, grpc_code: call.code });
    this.grpcHandling.observe(labels, call.seconds);
  }

  /**
   * Counts a dead letter; `by` 0 creates the series at 0, which a consumer group does for each of
   * its topics at start: a counter whose first sample is already 1 shows no increase(), so the
   * first dead letter would never fire DeadLettersReceived.
   */
  countDeadLetter(consumerGroup: string, sourceTopic: string, by = 1): void {
    this.deadLetters.inc({ consumergroup: consumerGroup, topic: sourceTopic }, by);
  }

  /**
   * A gauge whose values are read when Prometheus scrapes, so it never drifts from the database
   * or broker it describes. Series absent from a sample disappear; a failed read leaves the gauge
   * without series (NaN for a gauge without labels) for that scrape and is reported, rather than
   * failing the whole scrape.
   */
  sampledGauge<Label extends string>(definition: SampledGaugeDefinition<Label>): void {
    const report = this.reportSampleFailure;
    new Gauge<Label>({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const { labels, value } of await definition.sample()) {
            this.set(labels as Partial<Record<Label, string>>, value);
          }
        } catch (error) {
          this.reset();
          // A gauge without labels would otherwise read 0, which says "all is well" (an empty
          // outbox) when the truth is unknown.
          if ((definition.labelNames ?? []).length === 0) this.set(Number.NaN);
          report(definition.name, error);
        }
      },
    });
  }

  /**
   * A counter; `startsAtZeroFor` lists the label sets known in advance, each exported as 0 from the
   * start. A series that appears at its first increment has no earlier sample, so increase() and
   * rate() over it read 0 and an alert on them would miss that first increment.
   */
  counter<Label extends string>(definition: {
    readonly name: string;
    readonly help: string;
    readonly labelNames?: readonly Label[];
    readonly startsAtZeroFor?: readonly Partial<Record<Label, string>>[];
  }): Counter<Label> {
    const counter = new Counter<Label>({ name: definition.name, help: definition.help, labelNames: definition.labelNames ?? [], registers: [this.registry] });
    for (const labels of definition.startsAtZeroFor ?? []) counter.inc(labels, 0);
    return counter;
  }

  histogram<Label extends string>(definition: HistogramDefinition<Label>): Histogram<Label> {
    return new Histogram<Label>({
      name: definition.name,
      help: definition.help,
      labelNames: definition.labelNames ?? [],
      buckets: definition.buckets,
      registers: [this.registry],
    });
  }

  /** The text Prometheus scrapes, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
