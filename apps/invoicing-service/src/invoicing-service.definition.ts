import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { INVOICE_OVERDUE_TIMER } from './application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { invoicingServiceConfigSchema } from './config';
import { MilestoneAcceptanceEntity } from './infrastructure/persistence/milestone-acceptance.orm-entity';
import { ContractTermsEntity } from './infrastructure/persistence/contract-terms.orm-entity';
import { InvoiceEntity, InvoiceNumberSeriesEntity } from './infrastructure/persistence/invoice.orm-entity';
import { invoicingMigrations } from './infrastructure/persistence/migrations';
import { PaymentEntity } from './infrastructure/persistence/payment.orm-entity';
import { PendingBillingTriggerEntity } from './infrastructure/persistence/pending-billing-trigger.orm-entity';
import { InvoicingModule } from './invoicing.module';

/** The invoicing service as main.ts runs it and the integration tests bootstrap it. */
export const invoicingServiceDefinition: ServiceDefinition<typeof invoicingServiceConfigSchema> = {
  name: 'invoicing-service',
  schema: 'invoicing',
  configSchema: invoicingServiceConfigSchema,
  migrations: invoicingMigrations,
  entities: [ContractTermsEntity, InvoiceEntity, InvoiceNumberSeriesEntity, PaymentEntity, PendingBillingTriggerEntity, MilestoneAcceptanceEntity],
  grpc: GRPC_APIS.invoicing,
  timers: [INVOICE_OVERDUE_TIMER],
  rootModule: () => InvoicingModule,
};
