import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Counter } from 'prom-client';
import { AnyEventHandler, countParkedEvents, EventConsumer } from '@mb/messaging';
import { type Logger, ServiceMetrics } from '@mb/observability';
import { ConsumerGroupDirectory } from '../metrics/backbone-metrics';
import { SERVICE_LOGGER, SERVICE_NAME, SERVICE_SCHEMA } from '../service/service-runtime';

/** A consumer group living as long as the application: started after bootstrap, stopped first. */
export class HostedEventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(readonly consumer: EventConsumer) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/**
 * Registers a consumer group whose handlers are Nest providers. The group id is
 * `<service>.<purpose>`, e.g. `invoicing-service.billing`.
 */
export function eventConsumerProvider(purpose: string, handlers: Type<AnyEventHandler>[]): Provider {
  return {
    provide: `event-consumer:${purpose}`,
    inject: [Kafka, DataSource, SERVICE_LOGGER, SERVICE_NAME, SERVICE_SCHEMA, ServiceMetrics, ConsumerGroupDirectory, ...handlers],
    useFactory: (
      kafka: Kafka,
      dataSource: DataSource,
      logger: Logger,
      serviceName: string,
      schema: string,
      metrics: ServiceMetrics,
      consumerGroups: ConsumerGroupDirectory,
      ...instances: AnyEventHandler[]
    ) => {
      const failureMetrics = consumerFailureMetricsOf(metrics, dataSource, schema);
      const consumer = new EventConsumer({
        kafka,
        dataSource,
        schema,
        groupId: `${serviceName}.${purpose}`,
        handlers: instances,
        logger: logger.child({ consumerGroup: `${serviceName}.${purpose}` }),
        partitionsConsumedConcurrently: 6,
        onDeadLettered: ({ consumerGroup, sourceTopic }) => metrics.countDeadLetter(consumerGroup, sourceTopic),
        onInfrastructureRetry: ({ consumerGroup }) => failureMetrics.infrastructureRetries.inc({ consumergroup: consumerGroup }),
      });
      failureMetrics.add(consumer);
      const { groupId, topics } = consumer.subscription;
      consumerGroups.add(groupId, topics);
      return new HostedEventConsumer(consumer);
    },
  };
}

/**
 * The failure-policy metrics of a service's consumer groups (issue 13): one set per service, as
 * every consumer group of the service reports into the same registry and schema.
 */
class ConsumerFailureMetrics {
  readonly infrastructureRetries: Counter<'consumergroup'>;
  private readonly consumers: EventConsumer[] = [];

  constructor(metrics: ServiceMetrics, dataSource: DataSource, schema: string) {
    this.infrastructureRetries = metrics.counter({
      name: 'mb_consumer_infrastructure_retries_total',
      help: 'Waits of a consumer group on an infrastructure error (database or broker unavailable, read-only, busy) before trying the same message again.',
      labelNames: ['consumergroup'],
    });
    metrics.sampledGauge({
      name: 'mb_consumer_stalled_seconds',
      help: "For how long the consumer group's longest-retrying partition has retried an infrastructure error on the same message (0 when none).",
      labelNames: ['consumergroup'],
      sample: async () => this.consumers.map((consumer) => ({ labels: { consumergroup: consumer.subscription.groupId }, value: consumer.stalledSeconds() })),
    });
    metrics.sampledGauge({
      name: 'mb_consumer_parked_events',
      help: 'Events held back because an earlier event of the same key is dead-lettered by the consumer group and not yet replayed or discarded.',
      labelNames: ['consumergroup'],
      sample: async () => {
        const parked = await countParkedEvents(dataSource, schema);
        return this.consumers.map(({ subscription: { groupId } }) => ({ labels: { consumergroup: groupId }, value: parked.get(groupId) ?? 0 }));
      },
    });
  }

  add(consumer: EventConsumer): void {
    this.consumers.push(consumer);
    // Exported at 0 from the start, so that increase() sees the first retry.
    this.infrastructureRetries.inc({ consumergroup: consumer.subscription.groupId }, 0);
  }
}

const failureMetricsByRegistry = new WeakMap<ServiceMetrics, ConsumerFailureMetrics>();

function consumerFailureMetricsOf(metrics: ServiceMetrics, dataSource: DataSource, schema: string): ConsumerFailureMetrics {
  let failureMetrics = failureMetricsByRegistry.get(metrics);
  if (failureMetrics === undefined) {
    failureMetrics = new ConsumerFailureMetrics(metrics, dataSource, schema);
    failureMetricsByRegistry.set(metrics, failureMetrics);
  }
  return failureMetrics;
}
