import { GRPC_APIS } from '@mb/grpc';
import type { ServiceDefinition } from '@mb/platform';
import { INVOICE_OVERDUE_TIMER } from './application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { PAYMENT_REMINDER_TIMER } from './application/plan-payment-reminders/plan-payment-reminders.handler';
import { RETAINAGE_RELEASE_DATE_TIMER } from './application/release-retainage/release-retainage.handler';
import { invoicingServiceConfigSchema } from './config';
import { MilestoneAcceptanceEntity } from './infrastructure/persistence/milestone-acceptance.orm-entity';
import { ContractTermsEntity } from './infrastructure/persistence/contract-terms.orm-entity';
import { CreditNoteEntity } from './infrastructure/persistence/credit-note.orm-entity';
import { InvoiceEntity, InvoiceNumberSeriesEntity } from './infrastructure/persistence/invoice.orm-entity';
import { invoicingMigrations } from './infrastructure/persistence/migrations';
import { ClientBalanceEntity, PaymentAllocationEntity, PaymentEntity, RefundEntity } from './infrastructure/persistence/payment.orm-entity';
import { PendingBillingTriggerEntity } from './infrastructure/persistence/pending-billing-trigger.orm-entity';
import { RetainageReleaseEntity } from './infrastructure/persistence/retainage-release.orm-entity';
import { InvoicingModule } from './invoicing.module';

/** The invoicing service as main.ts runs it and the integration tests bootstrap it. */
export const invoicingServiceDefinition: ServiceDefinition<typeof invoicingServiceConfigSchema> = {
  name: 'invoicing-service',
  schema: 'invoicing',
  configSchema: invoicingServiceConfigSchema,
  migrations: invoicingMigrations,
  entities: [
    ContractTermsEntity,
    CreditNoteEntity,
    InvoiceEntity,
    InvoiceNumberSeriesEntity,
    PaymentEntity,
    PaymentAllocationEntity,
    ClientBalanceEntity,
    RefundEntity,
    PendingBillingTriggerEntity,
    RetainageReleaseEntity,
    MilestoneAcceptanceEntity,
  ],
  grpc: GRPC_APIS.invoicing,
  timers: [INVOICE_OVERDUE_TIMER, RETAINAGE_RELEASE_DATE_TIMER, PAYMENT_REMINDER_TIMER],
  rootModule: () => InvoicingModule,
};
