import { Module } from '@nestjs/common';
import { eventConsumerProvider, SERVICE_CONFIG, timerWorkersProvider } from '@mb/platform';
import { type InvoicingServiceConfig, sellerIdentityOf } from './config';
import { AnnounceInvoiceOverdueHandler } from './application/announce-invoice-overdue/announce-invoice-overdue.handler';
import { SetOverdueTimersHandler } from './application/set-overdue-timers/set-overdue-timers.handler';
import { IssueInvoiceHandler } from './application/issue-invoice/issue-invoice.handler';
import { ContractTermsRepository } from './application/ports/contract-terms.repository';
import { EInvoiceRenderer, InvoiceDocumentRenderer, SELLER_IDENTITY } from './application/ports/invoice-document.port';
import { InvoiceNumberSeriesRepository } from './application/ports/invoice-number-series.repository';
import { InvoiceRepository } from './application/ports/invoice.repository';
import { MilestoneAcceptanceRepository } from './application/ports/milestone-acceptance.repository';
import { PaymentRepository } from './application/ports/payment.repository';
import { PendingBillingTriggerRepository } from './application/ports/pending-billing-trigger.repository';
import { PrepareDraftInvoicesHandler } from './application/prepare-draft-invoices/prepare-draft-invoices.handler';
import { FinancialStatusQueries } from './application/queries/financial-status.queries';
import { InvoiceQueries } from './application/queries/invoice.queries';
import { RecordMilestoneAcceptanceHandler } from './application/record-milestone-acceptance/record-milestone-acceptance.handler';
import { RecordPaymentHandler } from './application/record-payment/record-payment.handler';
import { InvoicesController } from './api/http/invoices.controller';
import { PaymentsController } from './api/http/payments.controller';
import { InvoicesGrpcController } from './api/grpc/invoices.grpc-controller';
import { PaymentsGrpcController } from './api/grpc/payments.grpc-controller';
import { PdfKitInvoiceRenderer } from './infrastructure/documents/invoice-pdf.renderer';
import { UblEInvoiceRenderer } from './infrastructure/documents/ubl.renderer';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { MilestoneStatusUpdatedConsumer } from './infrastructure/messaging/milestone-status-updated.consumer';
import { InvoicingMetrics } from './infrastructure/metrics/invoicing-metrics';
import { TypeOrmContractTermsRepository } from './infrastructure/persistence/typeorm-contract-terms.repository';
import { TypeOrmFinancialStatusQueries } from './infrastructure/persistence/typeorm-financial-status.queries';
import { TypeOrmInvoiceNumberSeriesRepository } from './infrastructure/persistence/typeorm-invoice-number-series.repository';
import { TypeOrmInvoiceRepository } from './infrastructure/persistence/typeorm-invoice.repository';
import { TypeOrmMilestoneAcceptanceRepository } from './infrastructure/persistence/typeorm-milestone-acceptance.repository';
import { TypeOrmPaymentRepository } from './infrastructure/persistence/typeorm-payment.repository';
import { TypeOrmPendingBillingTriggerRepository } from './infrastructure/persistence/typeorm-pending-billing-trigger.repository';
import { InvoiceOverdueTimer } from './infrastructure/scheduling/invoice-overdue.timer';

/** Wiring only: the invoicing service's use cases, APIs, consumers and timers are registered here. */
@Module({
  controllers: [InvoicesController, PaymentsController, InvoicesGrpcController, PaymentsGrpcController],
  providers: [
    { provide: InvoiceRepository, useClass: TypeOrmInvoiceRepository },
    { provide: ContractTermsRepository, useClass: TypeOrmContractTermsRepository },
    { provide: InvoiceNumberSeriesRepository, useClass: TypeOrmInvoiceNumberSeriesRepository },
    { provide: PaymentRepository, useClass: TypeOrmPaymentRepository },
    { provide: MilestoneAcceptanceRepository, useClass: TypeOrmMilestoneAcceptanceRepository },
    { provide: PendingBillingTriggerRepository, useClass: TypeOrmPendingBillingTriggerRepository },
    { provide: FinancialStatusQueries, useClass: TypeOrmFinancialStatusQueries },
    { provide: InvoiceDocumentRenderer, useClass: PdfKitInvoiceRenderer },
    { provide: EInvoiceRenderer, useClass: UblEInvoiceRenderer },
    { provide: SELLER_IDENTITY, inject: [SERVICE_CONFIG], useFactory: (config: InvoicingServiceConfig) => sellerIdentityOf(config) },
    PrepareDraftInvoicesHandler,
    IssueInvoiceHandler,
    RecordPaymentHandler,
    RecordMilestoneAcceptanceHandler,
    AnnounceInvoiceOverdueHandler,
    SetOverdueTimersHandler,
    InvoiceQueries,
    InvoicingMetrics,
    ContractActivatedConsumer,
    MilestoneStatusUpdatedConsumer,
    // One group for billing: activation and billing triggers of one contract share its key, but
    // live on two topics; IssueInvoiceHandler parks a trigger that overtakes its contract.
    eventConsumerProvider('billing', [ContractActivatedConsumer, MilestoneStatusUpdatedConsumer]),
    InvoiceOverdueTimer,
    timerWorkersProvider([InvoiceOverdueTimer]),
  ],
})
export class InvoicingModule {}
