import { Module } from '@nestjs/common';
import { eventConsumerProvider, timerWorkersProvider } from '@mb/platform';
import { GitHubWebhooksController, JiraWebhooksController } from './api/http/inbound-webhooks.controller';
import { GitHubSignatureGuard, JiraSignatureGuard } from './api/http/inbound-signature.guard';
import { MilestonesController } from './api/http/milestones.controller';
import { WorkItemLinksController } from './api/http/work-item-links.controller';
import { MilestonesGrpcController } from './api/grpc/milestones.grpc-controller';
import { ApplyContractAmendmentHandler } from './application/apply-contract-amendment/apply-contract-amendment.handler';
import { AnnounceDelayHandler } from './application/announce-delay/announce-delay.handler';
import { AnnounceDueSoonHandler } from './application/announce-due-soon/announce-due-soon.handler';
import { ApproveMilestoneHandler } from './application/approve-milestone/approve-milestone.handler';
import { CancelMilestoneHandler } from './application/cancel-milestone/cancel-milestone.handler';
import { CloseApprovalWindowHandler } from './application/close-approval-window/close-approval-window.handler';
import { CloseCompletedContractHandler } from './application/close-completed-contract/close-completed-contract.handler';
import { SettleTerminatedContractHandler } from './application/settle-terminated-contract/settle-terminated-contract.handler';
import { MovePlannedDateHandler } from './application/move-planned-date/move-planned-date.handler';
import { PlaceBillingHoldHandler } from './application/place-billing-hold/place-billing-hold.handler';
import { InboundDeliveryRepository } from './application/ports/inbound-delivery.repository';
import { LinkWorkItemHandler } from './application/link-work-item/link-work-item.handler';
import { MilestoneRepository } from './application/ports/milestone.repository';
import { PlannedDateChangeRepository } from './application/ports/planned-date-change.repository';
import { WorkItemLinkRepository } from './application/ports/work-item-link.repository';
import { MilestoneQueries } from './application/queries/milestone.queries';
import { RecordInvoiceIssuedHandler } from './application/record-invoice-issued/record-invoice-issued.handler';
import { RecordInvoicePaidHandler } from './application/record-invoice-paid/record-invoice-paid.handler';
import { RemindApprovalHandler } from './application/remind-approval/remind-approval.handler';
import { RejectMilestoneHandler } from './application/reject-milestone/reject-milestone.handler';
import { ReleaseBillingHoldHandler } from './application/release-billing-hold/release-billing-hold.handler';
import { ScheduleMilestonesHandler } from './application/schedule-milestones/schedule-milestones.handler';
import { StartMilestoneHandler } from './application/start-milestone/start-milestone.handler';
import { SubmitLinkedMilestonesHandler } from './application/submit-linked-milestones/submit-linked-milestones.handler';
import { SubmitMilestoneHandler } from './application/submit-milestone/submit-milestone.handler';
import { TriggerBillingDateHandler } from './application/trigger-billing-date/trigger-billing-date.handler';
import { UnlinkWorkItemHandler } from './application/unlink-work-item/unlink-work-item.handler';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { ContractAmendedConsumer } from './infrastructure/messaging/contract-amended.consumer';
import { ContractCompletedConsumer } from './infrastructure/messaging/contract-completed.consumer';
import { ContractTerminatedConsumer } from './infrastructure/messaging/contract-terminated.consumer';
import { InvoiceIssuedConsumer } from './infrastructure/messaging/invoice-issued.consumer';
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { MilestoneMetrics } from './infrastructure/metrics/milestone-metrics';
import { TypeOrmInboundDeliveryRepository } from './infrastructure/persistence/typeorm-inbound-delivery.repository';
import { TypeOrmMilestoneRepository } from './infrastructure/persistence/typeorm-milestone.repository';
import { TypeOrmPlannedDateChangeRepository } from './infrastructure/persistence/typeorm-planned-date-change.repository';
import { TypeOrmWorkItemLinkRepository } from './infrastructure/persistence/typeorm-work-item-link.repository';
import { ApprovalWindowClosesTimer } from './infrastructure/scheduling/approval-window-closes.timer';
import { BillingDateTimer } from './infrastructure/scheduling/billing-date.timer';
import { HalfWindowReminderTimer } from './infrastructure/scheduling/half-window-reminder.timer';
import { LastDayReminderTimer } from './infrastructure/scheduling/last-day-reminder.timer';
import { MilestoneDueSoonTimer } from './infrastructure/scheduling/milestone-due-soon.timer';
import { PlannedDatePassedTimer } from './infrastructure/scheduling/planned-date-passed.timer';

const consumers = [ContractActivatedConsumer, ContractAmendedConsumer, ContractTerminatedConsumer, ContractCompletedConsumer, InvoiceIssuedConsumer, InvoicePaidConsumer];
const timers = [MilestoneDueSoonTimer, PlannedDatePassedTimer, BillingDateTimer, HalfWindowReminderTimer, LastDayReminderTimer, ApprovalWindowClosesTimer];

/** Wiring only: the milestone service's use cases, APIs, consumers and timers. */
@Module({
  controllers: [MilestonesController, WorkItemLinksController, GitHubWebhooksController, JiraWebhooksController, MilestonesGrpcController],
  providers: [
    { provide: MilestoneRepository, useClass: TypeOrmMilestoneRepository },
    { provide: PlannedDateChangeRepository, useClass: TypeOrmPlannedDateChangeRepository },
    { provide: WorkItemLinkRepository, useClass: TypeOrmWorkItemLinkRepository },
    { provide: InboundDeliveryRepository, useClass: TypeOrmInboundDeliveryRepository },
    MilestoneQueries,
    StartMilestoneHandler,
    SubmitMilestoneHandler,
    ApproveMilestoneHandler,
    RejectMilestoneHandler,
    CancelMilestoneHandler,
    PlaceBillingHoldHandler,
    ReleaseBillingHoldHandler,
    MovePlannedDateHandler,
    ScheduleMilestonesHandler,
    SettleTerminatedContractHandler,
    CloseCompletedContractHandler,
    ApplyContractAmendmentHandler,
    RecordInvoiceIssuedHandler,
    RecordInvoicePaidHandler,
    AnnounceDueSoonHandler,
    AnnounceDelayHandler,
    TriggerBillingDateHandler,
    RemindApprovalHandler,
    CloseApprovalWindowHandler,
    LinkWorkItemHandler,
    UnlinkWorkItemHandler,
    SubmitLinkedMilestonesHandler,
    GitHubSignatureGuard,
    JiraSignatureGuard,
    ...consumers,
    eventConsumerProvider('lifecycle', consumers),
    ...timers,
    timerWorkersProvider(timers),
    MilestoneMetrics,
  ],
})
export class MilestoneModule {}
