import { GRPC_APIS } from '@mb/grpc';
import { ServiceDefinition } from '@mb/platform';
import { CollectionsModule } from './collections.module';
import { INSTALMENT_DEADLINE_TIMER, INSTALMENT_REMINDER_TIMER } from './application/instalment-timers/instalment-timers.handler';
import { collectionsServiceConfigSchema } from './config';
import { CaseEntity, CaseInvoiceEntity } from './infrastructure/persistence/case.orm-entity';
import { DisputeEntity, DisputeInvoiceEntity } from './infrastructure/persistence/dispute.orm-entity';
import { collectionsMigrations } from './infrastructure/persistence/migrations';
import { PaymentPlanEntity, PaymentPlanInstalmentEntity, PaymentPlanInvoiceEntity } from './infrastructure/persistence/payment-plan.orm-entity';
import { SettledInvoiceEntity } from './infrastructure/persistence/settled-invoice.orm-entity';
import { ClientTimeZoneEntity, DunningLadderEntity, ReceivableEntity } from './infrastructure/persistence/ledger.orm-entity';
import { CASE_LADDER_TIMER, PROMISE_DUE_TIMER } from './application/case-changes/case-changes.handler';

/** The collections service as runService and the integration tests build it. */
export const collectionsServiceDefinition: ServiceDefinition<typeof collectionsServiceConfigSchema> = {
  name: 'collections-service',
  schema: 'collections',
  configSchema: collectionsServiceConfigSchema,
  migrations: collectionsMigrations,
  entities: [CaseEntity, CaseInvoiceEntity, SettledInvoiceEntity, ReceivableEntity, DunningLadderEntity, ClientTimeZoneEntity, DisputeEntity, DisputeInvoiceEntity, PaymentPlanEntity, PaymentPlanInvoiceEntity, PaymentPlanInstalmentEntity],
  grpc: GRPC_APIS.collections,
  timers: [CASE_LADDER_TIMER, PROMISE_DUE_TIMER, INSTALMENT_REMINDER_TIMER, INSTALMENT_DEADLINE_TIMER],
  rootModule: () => CollectionsModule,
};
