import { Module } from '@nestjs/common';
import { eventConsumerProvider, timerWorkersProvider } from '@mb/platform';
import { AnnounceInvoiceOverdueHandler } from './application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { SetOverdueTimersHandler } from './application/set-overdue-timers/set-overdue-timers.handler';
import { IssueInvoiceHandler } from './application/issue-invoice/issue-invoice.handler';
import { ContractTermsRepository } from './application/ports/contract-terms.repository';
import { InvoiceDocumentRenderer } from './application/ports/invoice-document.port';
import { InvoiceNumberSeriesRepository } from './application/ports/invoice-number-series.repository';
import { InvoiceRepository } from './application/ports/invoice.repository';
import { PaymentRepository } from './application/ports/payment.repository';
import { PendingBillingTriggerRepository } from './application/ports/pending-billing-trigger.repository';
import { PrepareDraftInvoicesHandler } from './application/prepare-draft-invoices/prepare-draft-invoices.handler';
import { FinancialStatusQueries } from './application/queries/financial-status.queries';
import { InvoiceQueries } from './application/queries/invoice.queries';
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
import { InvoicesController } from './api/http/invoices.controller';
import { PaymentsController } from './api/http/payments.controller';
import { InvoicesGrpcController } from './api/grpc/invoices.grpc-controller';
import { PaymentsGrpcController } from './api/grpc/payments.grpc-controller';
import { CreditNotesGrpcController } from './api/grpc/credit-notes.grpc-controller';
import { InvoiceCorrectionsGrpcController } from './api/grpc/invoice-corrections.grpc-controller';
import { PdfKitInvoiceRenderer } from './infrastructure/documents/invoice-pdf.renderer';
import { CollectionsWrittenOffConsumer } from './infrastructure/messaging/collections-written-off.consumer';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { MilestoneStatusUpdatedConsumer } from './infrastructure/messaging/milestone-status-updated.consumer';
import { InvoicingMetrics } from './infrastructure/metrics/invoicing-metrics';
import { TypeOrmContractTermsRepository } from './infrastructure/persistence/typeorm-contract-terms.repository';
import { TypeOrmFinancialStatusQueries } from './infrastructure/persistence/typeorm-financial-status.queries';
import { TypeOrmInvoiceNumberSeriesRepository } from './infrastructure/persistence/typeorm-invoice-number-series.repository';
import { TypeOrmInvoiceRepository } from './infrastructure/persistence/typeorm-invoice.repository';
import { TypeOrmPaymentRepository } from './infrastructure/persistence/typeorm-payment.repository';
import { TypeOrmPendingBillingTriggerRepository } from './infrastructure/persistence/typeorm-pending-billing-trigger.repository';
import { InvoiceOverdueTimer } from './infrastructure/scheduling/invoice-overdue.timer';

/** Wiring only: the invoicing service's use cases, APIs, consumers and timers are registered here. */
@Module({
  controllers: [
    InvoicesController,
    PaymentsController,
    InvoiceCorrectionsController,
    CreditNotesController,
    InvoicesGrpcController,
    PaymentsGrpcController,
    InvoiceCorrectionsGrpcController,
    CreditNotesGrpcController,
  ],
  providers: [
    { provide: InvoiceRepository, useClass: TypeOrmInvoiceRepository },
    { provide: ContractTermsRepository, useClass: TypeOrmContractTermsRepository },
    { provide: InvoiceNumberSeriesRepository, useClass: TypeOrmInvoiceNumberSeriesRepository },
    { provide: PaymentRepository, useClass: TypeOrmPaymentRepository },
    { provide: PendingBillingTriggerRepository, useClass: TypeOrmPendingBillingTriggerRepository },
    { provide: FinancialStatusQueries, useClass: TypeOrmFinancialStatusQueries },
    { provide: InvoiceDocumentRenderer, useClass: PdfKitInvoiceRenderer },
    { provide: CreditNoteRepository, useClass: TypeOrmCreditNoteRepository },
    { provide: CreditNoteDocumentRenderer, useClass: PdfKitCreditNoteRenderer },
    PrepareDraftInvoicesHandler,
    IssueInvoiceHandler,
    RecordPaymentHandler,
    IssueCreditNoteHandler,
    VoidInvoiceHandler,
    MarkInvoiceUncollectibleHandler,
    CreditNoteQueries,
    AnnounceInvoiceOverdueHandler,
    SetOverdueTimersHandler,
    InvoiceQueries,
    InvoicingMetrics,
    ContractActivatedConsumer,
    MilestoneStatusUpdatedConsumer,
    CollectionsWrittenOffConsumer,
    // One group for billing: activation and billing triggers of one contract share its key, but
    // live on two topics; IssueInvoiceHandler parks a trigger that overtakes its contract.
    // collections.written_off rides in the same group, so the service keeps one consumer group.
    eventConsumerProvider('billing', [ContractActivatedConsumer, MilestoneStatusUpdatedConsumer, CollectionsWrittenOffConsumer]),
    InvoiceOverdueTimer,
    timerWorkersProvider([InvoiceOverdueTimer]),
  ],
})
export class InvoicingModule {}
