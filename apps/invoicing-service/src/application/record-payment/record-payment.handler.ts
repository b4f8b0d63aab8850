import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId, type OffsetClock } from '@mb/kernel';
import { OutboxWriter } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { Payment, type PaymentSnapshot } from '../../domain/payment/payment';
import { InvoiceRepository, PaymentRepository } from '../ports/invoicing.ports';
import { publishRecordedEvents } from '../publish-recorded-events';

export interface RecordPaymentCommand {
  readonly invoiceId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly reference: string | null;
}

/**
 * Records a payment against one invoice: the invoice row is locked, the payment applied (the
 * aggregate refuses what it must), and payment.recorded, then invoice.paid when the balance
 * reaches zero, go out in the payment's own transaction.
 */
@Injectable()
export class RecordPayment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async execute(command: RecordPaymentCommand): Promise<{ payment: PaymentSnapshot; invoice: InvoiceSnapshot }> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.findById(manager, command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      const payment = Payment.receive({
        id: newId('pay'),
        invoice,
        amountCents: command.amountCents,
        currency: command.currency,
        reference: command.reference,
        now: this.clock.now(),
      });
      await this.payments.insert(manager, payment);
      await this.invoices.save(manager, invoice);
      await publishRecordedEvents(this.outbox, manager, payment.pullEvents());
      await publishRecordedEvents(this.outbox, manager, invoice.pullEvents());
      return { payment: payment.snapshot(), invoice: invoice.snapshot() };
    });
  }
}
