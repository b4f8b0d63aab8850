import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { MilestonesController } from './api/http/milestones.controller';
import { MilestonesGrpcController } from './api/grpc/milestones.grpc-controller';
import { CancelUnbilledMilestonesHandler } from './application/cancel-unbilled-milestones/cancel-unbilled-milestones.handler';
import { MilestoneStore } from './application/milestone-store';
import { MilestoneRepository } from './application/ports/milestone.repository';
import { ProgressMilestoneHandler } from './application/progress-milestone/progress-milestone.handler';
import { MilestoneQueries } from './application/queries/milestone.queries';
import { RecordInvoiceIssuedHandler } from './application/record-invoicing/record-invoice-issued.handler';
import { RecordInvoicePaidHandler } from './application/record-invoicing/record-invoice-paid.handler';
import { ScheduleMilestonesHandler } from './application/schedule-milestones/schedule-milestones.handler';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { ContractTerminatedConsumer } from './infrastructure/messaging/contract-terminated.consumer';
import { InvoiceIssuedConsumer } from './infrastructure/messaging/invoice-issued.consumer';
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { MilestoneMetrics } from './infrastructure/metrics/milestone-metrics';
import { PostgresMilestoneRepository } from './infrastructure/persistence/postgres-milestone.repository';

const consumers = [ContractActivatedConsumer, ContractTerminatedConsumer, InvoiceIssuedConsumer, InvoicePaidConsumer];

/** Wiring only: the milestone service's use cases, APIs and consumers. */
@Module({
  controllers: [MilestonesController, MilestonesGrpcController],
  providers: [
    { provide: MilestoneRepository, useClass: PostgresMilestoneRepository },
    MilestoneStore,
    MilestoneQueries,
    ProgressMilestoneHandler,
    ScheduleMilestonesHandler,
    CancelUnbilledMilestonesHandler,
    RecordInvoiceIssuedHandler,
    RecordInvoicePaidHandler,
    ...consumers,
    eventConsumerProvider('lifecycle', consumers),
    MilestoneMetrics,
  ],
})
export class MilestoneModule {}
