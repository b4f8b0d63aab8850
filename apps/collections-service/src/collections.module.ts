import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { ApplyPaymentHandler } from './application/apply-payment/apply-payment.handler';
import { CaseRepository } from './application/ports/case.repository';
import { DUNNING_LADDER } from './application/ports/dunning-ladder.port';
import { SettledInvoiceRepository } from './application/ports/settled-invoice.repository';
import { CaseQueries } from './application/queries/case.queries';
import { SettleInvoiceHandler } from './application/settle-invoice/settle-invoice.handler';
import { TrackOverdueInvoiceHandler } from './application/track-overdue-invoice/track-overdue-invoice.handler';
import { WriteOffInvoiceHandler } from './application/write-off-invoice/write-off-invoice.handler';
import { CreditNoteIssuedConsumer } from './infrastructure/messaging/credit-note-issued.consumer';
import { InvoiceUncollectibleConsumer } from './infrastructure/messaging/invoice-uncollectible.consumer';
import { InvoiceVoidedConsumer } from './infrastructure/messaging/invoice-voided.consumer';
import { CasesController } from './api/http/cases.controller';
import { CasesGrpcController } from './api/grpc/cases.grpc-controller';
import { DEFAULT_DUNNING_LADDER } from './domain/dunning/dunning-ladder';
import { InvoiceOverdueConsumer } from './infrastructure/messaging/invoice-overdue.consumer';
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { PaymentRecordedConsumer } from './infrastructure/messaging/payment-recorded.consumer';
import { TypeOrmCaseRepository } from './infrastructure/persistence/typeorm-case.repository';
import { TypeOrmSettledInvoiceRepository } from './infrastructure/persistence/typeorm-settled-invoice.repository';

import { AgencyRecoveryRepository } from './application/ports/agency-recovery.repository';
import { CASE_FILE_SECTIONS, CaseFilePackager, CaseFileRepository } from './application/ports/case-file.port';
import { Receivables } from './application/ports/receivables.port';
import { HandOffCaseHandler } from './application/hand-off-case/hand-off-case.handler';
import { RecordAgencyRecoveryHandler } from './application/record-agency-recovery/record-agency-recovery.handler';
import { WriteOffCaseHandler } from './application/write-off-case/write-off-case.handler';
import { CaseAgencyController } from './api/http/case-agency.controller';
import { CaseRecordSection } from './infrastructure/documents/case-record.renderer';
import { CommunicationsSection, ContractsSection, InvoicesSection, PaymentsSection } from './infrastructure/documents/case-file-sources.fetcher';
import { JsZipCaseFilePackager } from './infrastructure/documents/zip-case-file.renderer';
import { TypeOrmAgencyRecoveryRepository } from './infrastructure/persistence/typeorm-agency-recovery.repository';
import { TypeOrmCaseFileRepository } from './infrastructure/persistence/typeorm-case-file.repository';
import { HttpReceivables } from './infrastructure/channels/invoicing-payments.channel';

/** Wiring only: the collections service's use cases, APIs, repositories and consumers. */
@Module({
  controllers: [CasesController, CasesGrpcController, CaseAgencyController],
  providers: [
    { provide: DUNNING_LADDER, useValue: DEFAULT_DUNNING_LADDER },
    { provide: CaseRepository, useClass: TypeOrmCaseRepository },
    { provide: SettledInvoiceRepository, useClass: TypeOrmSettledInvoiceRepository },
    TrackOverdueInvoiceHandler,
    SettleInvoiceHandler,
    ApplyPaymentHandler,
    WriteOffInvoiceHandler,
    CaseQueries,
    // Agency hand-off, case file, agency recoveries and write-off (issue 11 items 6 and 7).
    { provide: CaseFileRepository, useClass: TypeOrmCaseFileRepository },
    { provide: AgencyRecoveryRepository, useClass: TypeOrmAgencyRecoveryRepository },
    { provide: CaseFilePackager, useClass: JsZipCaseFilePackager },
    { provide: Receivables, useClass: HttpReceivables },
    CaseRecordSection,
    ContractsSection,
    InvoicesSection,
    PaymentsSection,
    CommunicationsSection,
    {
      // A new section of the case file (disputes, promises, payment plans) is one more entry here.
      provide: CASE_FILE_SECTIONS,
      useFactory: (...sections: unknown[]) => sections,
      inject: [CaseRecordSection, ContractsSection, InvoicesSection, PaymentsSection, CommunicationsSection],
    },
    HandOffCaseHandler,
    RecordAgencyRecoveryHandler,
    WriteOffCaseHandler,
    InvoiceOverdueConsumer,
    InvoicePaidConsumer,
    PaymentRecordedConsumer,
    InvoiceVoidedConsumer,
    CreditNoteIssuedConsumer,
    InvoiceUncollectibleConsumer,
    eventConsumerProvider('collections', [
      InvoiceOverdueConsumer,
      InvoicePaidConsumer,
      PaymentRecordedConsumer,
      InvoiceVoidedConsumer,
      CreditNoteIssuedConsumer,
      InvoiceUncollectibleConsumer,
    ]),
  ],
})
export class CollectionsModule {}
