import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { AnnounceOverdueInvoices } from './application/announce-overdue-invoices/announce-overdue-invoices.handler';
import { IssueInvoice } from './application/issue-invoice/issue-invoice.handler';
import {
  ContractTermsRepository,
  FinancialReadModel,
  InvoiceNumberSeries,
  InvoiceRepository,
  PaymentRepository,
  PendingBillingTriggers,
} from './application/ports/invoicing.ports';
import { PrepareDraftInvoices } from './application/prepare-draft-invoices/prepare-draft-invoices.handler';
import { InvoiceDocumentRenderer, InvoiceQueries } from './application/queries/invoice.queries';
import { RecordPayment } from './application/record-payment/record-payment.handler';
import { InvoicesController } from './api/http/invoices.controller';
import { PaymentsController } from './api/http/payments.controller';
import { InvoicesGrpcController } from './api/grpc/invoices.grpc-controller';
import { PaymentsGrpcController } from './api/grpc/payments.grpc-controller';
import { PdfKitInvoiceRenderer } from './infrastructure/documents/invoice-pdf.renderer';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { MilestoneStatusUpdatedConsumer } from './infrastructure/messaging/milestone-status-updated.consumer';
import { InvoicingMetrics } from './infrastructure/metrics/invoicing-metrics';
import { PgInvoiceRepository } from './infrastructure/persistence/invoice.repository.pg';
import {
  PgContractTermsRepository,
  PgFinancialReadModel,
  PgInvoiceNumberSeries,
  PgPaymentRepository,
  PgPendingBillingTriggers,
} from './infrastructure/persistence/invoicing.repositories.pg';
import { OverdueScanTimer } from './infrastructure/scheduling/overdue-scan.timer';

/** Wiring only: the invoicing service's use cases, APIs and consumers are registered here. */
@Module({
  controllers: [InvoicesController, PaymentsController, InvoicesGrpcController, PaymentsGrpcController],
  providers: [
    { provide: InvoiceRepository, useClass: PgInvoiceRepository },
    { provide: ContractTermsRepository, useClass: PgContractTermsRepository },
    { provide: InvoiceNumberSeries, useClass: PgInvoiceNumberSeries },
    { provide: PaymentRepository, useClass: PgPaymentRepository },
    { provide: PendingBillingTriggers, useClass: PgPendingBillingTriggers },
    { provide: FinancialReadModel, useClass: PgFinancialReadModel },
    { provide: InvoiceDocumentRenderer, useClass: PdfKitInvoiceRenderer },
    PrepareDraftInvoices,
    IssueInvoice,
    RecordPayment,
    AnnounceOverdueInvoices,
    InvoiceQueries,
    OverdueScanTimer,
    InvoicingMetrics,
    ContractActivatedConsumer,
    MilestoneStatusUpdatedConsumer,
    // One group for billing: activation and billing triggers of one contract share its key, but
    // live on two topics; IssueInvoice parks a trigger that overtakes its contract.
    eventConsumerProvider('billing', [ContractActivatedConsumer, MilestoneStatusUpdatedConsumer]),
  ],
})
export class InvoicingModule {}
