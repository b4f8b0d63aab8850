import { Kafka, logLevel } from 'kafkajs';
import { OffsetClock } from '@mb/kernel';
import { createLogger, ServiceMetrics } from '@mb/observability';
import { ConfigSchema, createServiceApplication, createServiceDataSource, openApiDocumentOf, readConfig, ServiceDefinition, serviceConfigSchema } from '@mb/platform';
import { collectionsServiceDefinition } from '../../apps/collections-service/src/collections-service.definition';
import { contractServiceDefinition } from '../../apps/contract-service/src/contract-service.definition';
import { invoicingServiceDefinition } from '../../apps/invoicing-service/src/invoicing-service.definition';
import { milestoneServiceDefinition } from '../../apps/milestone-service/src/milestone-service.definition';
import { notificationServiceDefinition } from '../../apps/notification-service/src/notification-service.definition';

type AnyDefinition = ServiceDefinition<ReturnType<typeof serviceConfigSchema> & ConfigSchema>;

export const SERVICE_DEFINITIONS = [
  contractServiceDefinition,
  milestoneServiceDefinition,
  invoicingServiceDefinition,
  notificationServiceDefinition,
  collectionsServiceDefinition,
] as unknown as AnyDefinition[];

/**
 * Each service's OpenAPI document, built from its Nest application over idle connections: the
 * database and broker are configured but never contacted, so this runs anywhere.
 */
export async function openApiDocuments(): Promise<Record<string, unknown>> {
  const documents: Record<string, unknown> = {};
  for (const definition of SERVICE_DEFINITIONS) {
    const config = readConfig(definition.configSchema, {
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
      KAFKA_BROKERS: '127.0.0.1:1',
      KAFKA_SASL_USERNAME: 'openapi',
      KAFKA_SASL_PASSWORD: 'never-used',
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'fatal',
      // Never fetched: describing the API verifies no token.
      AUTH_ISSUER: 'https://issuer.example',
      AUTH_JWKS_URL: 'https://issuer.example/.well-known/jwks.json',
    });
    const runtime = {
      serviceName: definition.name,
      schema: definition.schema,
      config,
      logger: createLogger(definition.name, 'fatal'),
      dataSource: createServiceDataSource({ url: config.DATABASE_URL, schema: definition.schema, migrations: [], applicationName: 'openapi' }),
      kafka: new Kafka({ clientId: 'openapi', brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING }),
      clock: new OffsetClock(),
      metrics: new ServiceMetrics(() => undefined),
    };
    const app = await createServiceApplication(definition, runtime, []);
    documents[definition.name] = JSON.parse(JSON.stringify(openApiDocumentOf(definition.name, app)));
  }
  return documents;
}

export function renderDocument(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
