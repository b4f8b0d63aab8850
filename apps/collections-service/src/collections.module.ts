import { Module } from '@nestjs/common';
import { eventConsumerProvider, timerWorkersProvider } from '@mb/platform';
import { CaseChanges } from './application/case-changes/case-changes.handler';
import { LadderConfiguration } from './application/configure-ladder/configure-ladder.handler';
import { AdvanceCaseHandler } from './application/advance-case/advance-case.handler';
import { DecideCaseHandler } from './application/decide-case/decide-case.handler';
import { ClientCalendarRepository, DunningLadderRepository } from './application/ports/dunning-ladder.port';
import { ReceivableLedger } from './application/ports/receivable-ledger.port';
import { RecordPromiseHandler } from './application/record-promise/record-promise.handler';
import { ResolvePromiseHandler } from './application/resolve-promise/resolve-promise.handler';
import { RecordIssuedInvoiceHandler } from './application/record-issued-invoice/record-issued-invoice.handler';
import { DunningLadderController } from './api/http/dunning-ladder.controller';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { InvoiceIssuedConsumer } from './infrastructure/messaging/invoice-issued.consumer';
import { TypeOrmClientCalendarRepository } from './infrastructure/persistence/typeorm-client-calendar.repository';
import { TypeOrmDunningLadderRepository } from './infrastructure/persistence/typeorm-dunning-ladder.repository';
import { TypeOrmReceivableLedger } from './infrastructure/persistence/typeorm-receivable-ledger.repository';
import { CaseLadderTimer } from './infrastructure/scheduling/case-ladder.timer';
import { PromiseDueTimer } from './infrastructure/scheduling/promise-due.timer';
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
import { AgreePaymentPlanHandler } from './application/agree-payment-plan/agree-payment-plan.handler';
import { ProposePaymentPlanHandler } from './application/propose-payment-plan/propose-payment-plan.handler';
import { AcceptPaymentPlanHandler } from './application/accept-payment-plan/accept-payment-plan.handler';
import { ApplyPaymentToPlansHandler } from './application/apply-payment-to-plans/apply-payment-to-plans.handler';
import { InstalmentTimersHandler } from './application/instalment-timers/instalment-timers.handler';
import { CaseDunning } from './application/ports/case-dunning.port';
import { PaymentPlanDocuments } from './application/ports/payment-plan-documents.port';
import { PaymentPlanRepository } from './application/ports/payment-plan.repository';
import { PaymentPlanQueries } from './application/queries/payment-plan.queries';
import { PaymentPlansController } from './api/http/payment-plans.controller';
import { PdfKitPaymentPlanDocuments } from './infrastructure/documents/payment-plan-pdf.renderer';
import { PaymentRecordedForPlansConsumer } from './infrastructure/messaging/payment-recorded-for-plans.consumer';
import { TypeOrmPaymentPlanRepository } from './infrastructure/persistence/typeorm-payment-plan.repository';
import { InstalmentDeadlineTimer } from './infrastructure/scheduling/instalment-deadline.timer';
import { InstalmentReminderTimer } from './infrastructure/scheduling/instalment-reminder.timer';
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { PaymentRecordedConsumer } from './infrastructure/messaging/payment-recorded.consumer';
import { TypeOrmCaseRepository } from './infrastructure/persistence/typeorm-case.repository';
import { TypeOrmSettledInvoiceRepository } from './infrastructure/persistence/typeorm-settled-invoice.repository';
import { DisputesController } from './api/http/disputes.controller';
import { OpenDisputeHandler } from './application/open-dispute/open-dispute.handler';
import { DisputableInvoiceRepository } from './application/ports/disputable-invoice.repository';
import { DisputeRepository } from './application/ports/dispute.repository';
import { DisputeQueries } from './application/queries/dispute.queries';
import { ResolveDisputeHandler } from './application/resolve-dispute/resolve-dispute.handler';
import { WithdrawDisputeHandler } from './application/withdraw-dispute/withdraw-dispute.handler';
import { TrackDisputableInvoicesHandler } from './application/track-disputable-invoices/track-disputable-invoices.handler';
import { CreditNoteIssuedForDisputesConsumer } from './infrastructure/messaging/credit-note-issued-for-disputes.consumer';
import { InvoiceIssuedForDisputesConsumer } from './infrastructure/messaging/invoice-issued-for-disputes.consumer';
import { InvoicePaidForDisputesConsumer } from './infrastructure/messaging/invoice-paid-for-disputes.consumer';
import { InvoiceUncollectibleForDisputesConsumer } from './infrastructure/messaging/invoice-uncollectible-for-disputes.consumer';
import { InvoiceVoidedForDisputesConsumer } from './infrastructure/messaging/invoice-voided-for-disputes.consumer';
import { PaymentRecordedForDisputesConsumer } from './infrastructure/messaging/payment-recorded-for-disputes.consumer';
import { HoldCaseDunningHandler } from './application/hold-case-dunning/hold-case-dunning.handler';
import { TypeOrmDisputableInvoiceRepository } from './infrastructure/persistence/typeorm-disputable-invoice.repository';
import { TypeOrmDisputeRepository } from './infrastructure/persistence/typeorm-dispute.repository';

// Issue 11 disputes: every invoice, as invoicing announces it, in a consumer group of its own.
const DISPUTE_INVOICE_CONSUMERS = [
  InvoiceIssuedForDisputesConsumer,
  PaymentRecordedForDisputesConsumer,
  CreditNoteIssuedForDisputesConsumer,
  InvoicePaidForDisputesConsumer,
  InvoiceVoidedForDisputesConsumer,
  InvoiceUncollectibleForDisputesConsumer,
];

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
  controllers: [CasesController, CasesGrpcController, DunningLadderController, DisputesController, PaymentPlansController, CaseAgencyController],
  providers: [
    { provide: DUNNING_LADDER, useValue: DEFAULT_DUNNING_LADDER },
    { provide: CaseRepository, useClass: TypeOrmCaseRepository },
    { provide: SettledInvoiceRepository, useClass: TypeOrmSettledInvoiceRepository },
    { provide: ReceivableLedger, useClass: TypeOrmReceivableLedger },
    { provide: DunningLadderRepository, useClass: TypeOrmDunningLadderRepository },
    { provide: ClientCalendarRepository, useClass: TypeOrmClientCalendarRepository },
    CaseChanges,
    LadderConfiguration,
    RecordIssuedInvoiceHandler,
    AdvanceCaseHandler,
    DecideCaseHandler,
    RecordPromiseHandler,
    ResolvePromiseHandler,
    InvoiceIssuedConsumer,
    ContractActivatedConsumer,
    CaseLadderTimer,
    PromiseDueTimer,
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
      InvoiceIssuedConsumer,
      ContractActivatedConsumer,
    ]),
    { provide: DisputeRepository, useClass: TypeOrmDisputeRepository },
    { provide: DisputableInvoiceRepository, useClass: TypeOrmDisputableInvoiceRepository },
    { provide: CaseDunning, useClass: HoldCaseDunningHandler },
    OpenDisputeHandler,
    ResolveDisputeHandler,
    WithdrawDisputeHandler,
    TrackDisputableInvoicesHandler,
    DisputeQueries,
    ...DISPUTE_INVOICE_CONSUMERS,
    eventConsumerProvider('dispute-invoices', DISPUTE_INVOICE_CONSUMERS),
    // Payment plans (issue 11 item 5).
    { provide: PaymentPlanRepository, useClass: TypeOrmPaymentPlanRepository },
    { provide: PaymentPlanDocuments, useClass: PdfKitPaymentPlanDocuments },
    AgreePaymentPlanHandler,
    ProposePaymentPlanHandler,
    AcceptPaymentPlanHandler,
    ApplyPaymentToPlansHandler,
    InstalmentTimersHandler,
    PaymentPlanQueries,
    PaymentRecordedForPlansConsumer,
    eventConsumerProvider('payment-plans', [PaymentRecordedForPlansConsumer]),
    InstalmentReminderTimer,
    InstalmentDeadlineTimer,
    timerWorkersProvider([CaseLadderTimer, PromiseDueTimer, InstalmentReminderTimer, InstalmentDeadlineTimer]),
  ],
})
export class CollectionsModule {}
