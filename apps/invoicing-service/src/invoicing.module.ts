import { Module } from '@nestjs/common';
import { eventConsumerProvider, SERVICE_CONFIG, timerWorkersProvider } from '@mb/platform';
import { type InvoicingServiceConfig, sellerIdentityOf } from './config';
import { AnnounceInvoiceOverdueHandler } from './application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { SetOverdueTimersHandler } from './application/set-overdue-timers/set-overdue-timers.handler';
import { DiscardDraftHandler } from './application/discard-draft/discard-draft.handler';
import { CompleteContractHandler } from './application/complete-contract/complete-contract.handler';
import { RecordContractTerminationHandler } from './application/record-contract-termination/record-contract-termination.handler';
import { ReleaseRetainageHandler } from './application/release-retainage/release-retainage.handler';
import { IssueInvoiceHandler } from './application/issue-invoice/issue-invoice.handler';
import { ContractTermsRepository } from './application/ports/contract-terms.repository';
import { EInvoiceRenderer, InvoiceDocumentRenderer, SELLER_IDENTITY } from './application/ports/invoice-document.port';
import { InvoiceNumberSeriesRepository } from './application/ports/invoice-number-series.repository';
import { InvoiceRepository } from './application/ports/invoice.repository';
import { ClientBalanceRepository } from './application/ports/client-balance.repository';
import { MilestoneAcceptanceRepository } from './application/ports/milestone-acceptance.repository';
import { PaymentRepository } from './application/ports/payment.repository';
import { RefundRepository } from './application/ports/refund.repository';
import { PendingBillingTriggerRepository } from './application/ports/pending-billing-trigger.repository';
import { ApplyContractAmendmentHandler } from './application/apply-contract-amendment/apply-contract-amendment.handler';
import { PrepareDraftInvoicesHandler } from './application/prepare-draft-invoices/prepare-draft-invoices.handler';
import { FinancialStatusQueries } from './application/queries/financial-status.queries';
import { InvoiceQueries } from './application/queries/invoice.queries';
import { PaymentQueries } from './application/queries/payment.queries';
import { InvoiceListQueries, InvoiceListSource } from './application/queries/invoice-list.queries';
import { ReceivablesReportSource } from './application/ports/receivables-report.port';
import { ReceivablesReports } from './application/queries/receivables-reports.queries';
import { RecordMilestoneAcceptanceHandler } from './application/record-milestone-acceptance/record-milestone-acceptance.handler';
import { RecordPaymentHandler } from './application/record-payment/record-payment.handler';
import { IssueCreditNoteHandler } from './application/issue-credit-note/issue-credit-note.handler';
import { MarkInvoiceUncollectibleHandler } from './application/mark-invoice-uncollectible/mark-invoice-uncollectible.handler';
import { VoidInvoiceHandler } from './application/void-invoice/void-invoice.handler';
import { CreditNoteDocumentRenderer } from './application/ports/credit-note-document.port';
import { CreditNoteRepository } from './application/ports/credit-note.repository';
import { CreditNoteQueries } from './application/queries/credit-note.queries';
import { CreditNotesController } from './api/http/credit-notes.controller';
import { InvoiceCorrectionsController } from './api/http/invoice-corrections.controller';
import { PdfKitCreditNoteRenderer } from './infrastructure/documents/credit-note-pdf.renderer';
import { TypeOrmCreditNoteRepository } from './infrastructure/persistence/typeorm-credit-note.repository';
import { RecordRefundHandler } from './application/record-refund/record-refund.handler';
import { InvoicesController } from './api/http/invoices.controller';
import { PaymentsController } from './api/http/payments.controller';
import { ReceivablesReportsController } from './api/http/receivables-reports.controller';
import { InvoicesGrpcController } from './api/grpc/invoices.grpc-controller';
import { PaymentsGrpcController } from './api/grpc/payments.grpc-controller';
import { CreditNotesGrpcController } from './api/grpc/credit-notes.grpc-controller';
import { InvoiceCorrectionsGrpcController } from './api/grpc/invoice-corrections.grpc-controller';
import { PdfKitInvoiceRenderer } from './infrastructure/documents/invoice-pdf.renderer';
import { UblEInvoiceRenderer } from './infrastructure/documents/ubl.renderer';
import { CollectionsDisputeOpenedConsumer } from './infrastructure/messaging/collections-dispute-opened.consumer';
import { CollectionsDisputeResolvedConsumer } from './infrastructure/messaging/collections-dispute-resolved.consumer';
import { CollectionsDisputeWithdrawnConsumer } from './infrastructure/messaging/collections-dispute-withdrawn.consumer';
import { CollectionsWrittenOffConsumer } from './infrastructure/messaging/collections-written-off.consumer';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { ContractAmendedConsumer } from './infrastructure/messaging/contract-amended.consumer';
import { ContractCompletedConsumer } from './infrastructure/messaging/contract-completed.consumer';
import { ContractTerminatedConsumer } from './infrastructure/messaging/contract-terminated.consumer';
import { MilestoneStatusUpdatedConsumer } from './infrastructure/messaging/milestone-status-updated.consumer';
import { InvoicingMetrics } from './infrastructure/metrics/invoicing-metrics';
import { ReceivablesMetrics } from './infrastructure/metrics/receivables-metrics';
import { TypeOrmContractTermsRepository } from './infrastructure/persistence/typeorm-contract-terms.repository';
import { TypeOrmFinancialStatusQueries } from './infrastructure/persistence/typeorm-financial-status.queries';
import { TypeOrmInvoiceListSource } from './infrastructure/persistence/typeorm-invoice-list.queries';
import { TypeOrmReceivablesReportSource } from './infrastructure/persistence/typeorm-receivables-report.queries';
import { TypeOrmInvoiceNumberSeriesRepository } from './infrastructure/persistence/typeorm-invoice-number-series.repository';
import { TypeOrmInvoiceRepository } from './infrastructure/persistence/typeorm-invoice.repository';
import { TypeOrmClientBalanceRepository } from './infrastructure/persistence/typeorm-client-balance.repository';
import { TypeOrmPaymentQueries } from './infrastructure/persistence/typeorm-payment.queries';
import { TypeOrmMilestoneAcceptanceRepository } from './infrastructure/persistence/typeorm-milestone-acceptance.repository';
import { TypeOrmPaymentRepository } from './infrastructure/persistence/typeorm-payment.repository';
import { TypeOrmRefundRepository } from './infrastructure/persistence/typeorm-refund.repository';
import { TypeOrmPendingBillingTriggerRepository } from './infrastructure/persistence/typeorm-pending-billing-trigger.repository';
import { InvoiceOverdueTimer } from './infrastructure/scheduling/invoice-overdue.timer';
import { PaymentReminderTimer } from './infrastructure/scheduling/payment-reminder.timer';
import { PlanPaymentRemindersHandler } from './application/plan-payment-reminders/plan-payment-reminders.handler';
import { SendPaymentReminderHandler } from './application/send-payment-reminder/send-payment-reminder.handler';
import { SetPaymentRemindersHandler } from './application/set-payment-reminders/set-payment-reminders.handler';
import { PaymentReminderRepository } from './application/ports/payment-reminder.repository';
import { PaymentReminderScheduler } from './application/ports/payment-reminder-scheduler.port';
import { ReminderPolicyRepository } from './application/ports/reminder-policy.repository';
import { ReminderPoliciesHandler } from './application/reminder-policies/reminder-policies.handler';
import { ReminderPoliciesController } from './api/http/reminder-policies.controller';
import { TypeOrmPaymentReminderRepository } from './infrastructure/persistence/typeorm-payment-reminder.repository';
import { TypeOrmReminderPolicyRepository } from './infrastructure/persistence/typeorm-reminder-policy.repository';
import { RetainageReleaseDateTimer } from './infrastructure/scheduling/retainage-release-date.timer';
import { InvoiceDisputeRepository } from './application/ports/invoice-dispute.repository';
import { RecordInvoiceDisputeHandler } from './application/record-invoice-dispute/record-invoice-dispute.handler';
import { TypeOrmInvoiceDisputeRepository } from './infrastructure/persistence/typeorm-invoice-dispute.repository';

/** Wiring only: the invoicing service's use cases, APIs, consumers and timers are registered here. */
@Module({
  controllers: [
    InvoicesController,
    PaymentsController,
    InvoiceCorrectionsController,
    CreditNotesController,
    ReceivablesReportsController,
    InvoicesGrpcController,
    PaymentsGrpcController,
    InvoiceCorrectionsGrpcController,
    CreditNotesGrpcController,
    ReminderPoliciesController,
  ],
  providers: [
    { provide: InvoiceRepository, useClass: TypeOrmInvoiceRepository },
    { provide: ContractTermsRepository, useClass: TypeOrmContractTermsRepository },
    { provide: InvoiceNumberSeriesRepository, useClass: TypeOrmInvoiceNumberSeriesRepository },
    { provide: PaymentRepository, useClass: TypeOrmPaymentRepository },
    { provide: ClientBalanceRepository, useClass: TypeOrmClientBalanceRepository },
    { provide: RefundRepository, useClass: TypeOrmRefundRepository },
    { provide: PaymentQueries, useClass: TypeOrmPaymentQueries },
    { provide: PendingBillingTriggerRepository, useClass: TypeOrmPendingBillingTriggerRepository },
    { provide: FinancialStatusQueries, useClass: TypeOrmFinancialStatusQueries },
    { provide: InvoiceDocumentRenderer, useClass: PdfKitInvoiceRenderer },
    { provide: CreditNoteRepository, useClass: TypeOrmCreditNoteRepository },
    { provide: CreditNoteDocumentRenderer, useClass: PdfKitCreditNoteRenderer },
    { provide: InvoiceListSource, useClass: TypeOrmInvoiceListSource },
    { provide: ReceivablesReportSource, useClass: TypeOrmReceivablesReportSource },
    InvoiceListQueries,
    ReceivablesReports,
    { provide: MilestoneAcceptanceRepository, useClass: TypeOrmMilestoneAcceptanceRepository },
    { provide: EInvoiceRenderer, useClass: UblEInvoiceRenderer },
    { provide: SELLER_IDENTITY, inject: [SERVICE_CONFIG], useFactory: (config: InvoicingServiceConfig) => sellerIdentityOf(config) },
    PrepareDraftInvoicesHandler,
    ApplyContractAmendmentHandler,
    IssueInvoiceHandler,
    ReleaseRetainageHandler,
    DiscardDraftHandler,
    RecordContractTerminationHandler,
    CompleteContractHandler,
    RecordPaymentHandler,
    IssueCreditNoteHandler,
    VoidInvoiceHandler,
    MarkInvoiceUncollectibleHandler,
    CreditNoteQueries,
    RecordRefundHandler,
    RecordMilestoneAcceptanceHandler,
    AnnounceInvoiceOverdueHandler,
    SetOverdueTimersHandler,
    InvoiceQueries,
    InvoicingMetrics,
    ReceivablesMetrics,
    ContractActivatedConsumer,
    ContractAmendedConsumer,
    MilestoneStatusUpdatedConsumer,
    ContractTerminatedConsumer,
    ContractCompletedConsumer,
    CollectionsWrittenOffConsumer,
    { provide: InvoiceDisputeRepository, useClass: TypeOrmInvoiceDisputeRepository },
    RecordInvoiceDisputeHandler,
    CollectionsDisputeOpenedConsumer,
    CollectionsDisputeResolvedConsumer,
    CollectionsDisputeWithdrawnConsumer,
    // One group for billing: activation, amendment, termination and milestone transitions of one
    // contract share its key, but live on four topics; IssueInvoiceHandler parks a trigger that
    // overtakes its contract, a cancellation, amendment or termination that does is retried. collections.written_off
    // rides in the same group, so the service keeps one consumer group; so do collections' disputes (issue 11).
    eventConsumerProvider('billing', [
      ContractActivatedConsumer,
      ContractAmendedConsumer,
      ContractTerminatedConsumer,
      ContractCompletedConsumer,
      MilestoneStatusUpdatedConsumer,
      CollectionsWrittenOffConsumer,
      CollectionsDisputeOpenedConsumer,
      CollectionsDisputeResolvedConsumer,
      CollectionsDisputeWithdrawnConsumer,
    ]),
    InvoiceOverdueTimer,
    RetainageReleaseDateTimer,
    { provide: PaymentReminderRepository, useClass: TypeOrmPaymentReminderRepository },
    { provide: ReminderPolicyRepository, useClass: TypeOrmReminderPolicyRepository },
    { provide: PaymentReminderScheduler, useClass: PlanPaymentRemindersHandler },
    SendPaymentReminderHandler,
    SetPaymentRemindersHandler,
    ReminderPoliciesHandler,
    PaymentReminderTimer,
    timerWorkersProvider([InvoiceOverdueTimer, RetainageReleaseDateTimer, PaymentReminderTimer]),
  ],
})
export class InvoicingModule {}
