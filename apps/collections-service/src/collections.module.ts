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
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { PaymentRecordedConsumer } from './infrastructure/messaging/payment-recorded.consumer';
import { TypeOrmCaseRepository } from './infrastructure/persistence/typeorm-case.repository';
import { TypeOrmSettledInvoiceRepository } from './infrastructure/persistence/typeorm-settled-invoice.repository';

/** Wiring only: the collections service's use cases, APIs, repositories and consumers. */
@Module({
  controllers: [CasesController, CasesGrpcController, DunningLadderController],
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
    timerWorkersProvider([CaseLadderTimer, PromiseDueTimer]),
    TrackOverdueInvoiceHandler,
    SettleInvoiceHandler,
    ApplyPaymentHandler,
    WriteOffInvoiceHandler,
    CaseQueries,
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
  ],
})
export class CollectionsModule {}
