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

/** Wiring only: the collections service's use cases, APIs, repositories and consumers. */
@Module({
  controllers: [CasesController, CasesGrpcController],
  providers: [
    { provide: DUNNING_LADDER, useValue: DEFAULT_DUNNING_LADDER },
    { provide: CaseRepository, useClass: TypeOrmCaseRepository },
    { provide: SettledInvoiceRepository, useClass: TypeOrmSettledInvoiceRepository },
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
    ]),
  ],
})
export class CollectionsModule {}
