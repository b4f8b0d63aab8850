import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { ApplySettlementHandler } from './application/apply-settlement/apply-settlement.handler';
import { CaseEventsPublisher } from './application/case-events.publisher';
import { FindCasesQuery } from './application/find-cases/find-cases.query';
import { DUNNING_LADDER } from './application/ports/dunning-ladder.port';
import { TrackOverdueInvoiceHandler } from './application/track-overdue-invoice/track-overdue-invoice.handler';
import { CasesController } from './api/http/cases.controller';
import { CasesGrpcController } from './api/grpc/cases.grpc-controller';
import { DEFAULT_DUNNING_LADDER } from './domain/dunning/dunning-ladder';
import { InvoiceOverdueConsumer } from './infrastructure/messaging/invoice-overdue.consumer';
import { InvoicePaidConsumer } from './infrastructure/messaging/invoice-paid.consumer';
import { PaymentRecordedConsumer } from './infrastructure/messaging/payment-recorded.consumer';
import { CaseRepository } from './application/ports/case.repository';
import { PgCaseRepository } from './infrastructure/persistence/pg-case.repository';

/** Wiring only: the collections service's use cases, APIs and consumers are registered here. */
@Module({
  controllers: [CasesController, CasesGrpcController],
  providers: [
    { provide: DUNNING_LADDER, useValue: DEFAULT_DUNNING_LADDER },
    { provide: CaseRepository, useClass: PgCaseRepository },
    CaseEventsPublisher,
    TrackOverdueInvoiceHandler,
    ApplySettlementHandler,
    FindCasesQuery,
    InvoiceOverdueConsumer,
    InvoicePaidConsumer,
    PaymentRecordedConsumer,
    eventConsumerProvider('collections', [InvoiceOverdueConsumer, InvoicePaidConsumer, PaymentRecordedConsumer]),
  ],
})
export class CollectionsModule {}
