import { runService } from '@mb/platform';
import { invoicingServiceConfigSchema } from './config';
import { invoicingMigrations } from './infrastructure/persistence/migrations';
import { InvoicingModule } from './invoicing.module';

void runService({
  name: 'invoicing-service',
  schema: 'invoicing',
  configSchema: invoicingServiceConfigSchema,
  migrations: invoicingMigrations,
  rootModule: () => InvoicingModule,
});
