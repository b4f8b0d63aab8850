import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { invoicingServiceConfigSchema } from './config';
import { invoicingMigrations } from './infrastructure/persistence/migrations';
import { InvoicingModule } from './invoicing.module';

/** The invoicing service as main.ts runs it and the integration tests bootstrap it. */
export const invoicingServiceDefinition: ServiceDefinition<typeof invoicingServiceConfigSchema> = {
  name: 'invoicing-service',
  schema: 'invoicing',
  configSchema: invoicingServiceConfigSchema,
  migrations: invoicingMigrations,
  grpc: GRPC_APIS.invoicing,
  rootModule: () => InvoicingModule,
};
