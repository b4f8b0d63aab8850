import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AnyEventHandler, EventConsumer } from '@mb/messaging';
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
      const consumer = new EventConsumer({
        kafka,
        dataSource,
        schema,
        groupId: `${serviceName}.${purpose}`,
        handlers: instances,
        logger: logger.child({ consumerGroup: `${serviceName}.${purpose}` }),
        partitionsConsumedConcurrently: 6,
        onDeadLettered: ({ consumerGroup, sourceTopic }) => metrics.countDeadLetter(consumerGroup, sourceTopic),
      });
      const { groupId, topics } = consumer.subscription;
      consumerGroups.add(groupId, topics);
      return new HostedEventConsumer(consumer);
    },
  };
}
