import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import { Payment, type PaymentSnapshot } from '../../domain/payment/payment';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { paymentCatalogueEvents } from '../events/payment.events';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PaymentRepository } from '../ports/payment.repository';

export interface RecordPaymentCommand {
  readonly invoiceId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly reference: string | null;
}

/**
 * Records a payment against one invoice: the invoice is locked, the payment applied (the
 * aggregate refuses what it must), and payment.recorded, then invoice.paid when the balance
 * reaches zero, go out in the payment's own unit of work. A payment that settles the invoice
 * cancels its overdue timer in that unit of work too.
 */
@Injectable()
export class RecordPaymentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordPaymentCommand): Promise<{ payment: PaymentSnapshot; invoice: InvoiceSnapshot }> {
    return this.unitOfWork.run(async () => {
      const invoice = await this.invoices.findById(command.invoiceId, { forUpdate: true });
      if (!invoice) throw InvoiceErrors.notFound(command.invoiceId);
      const payment = Payment.receive({
        id: newId('pay'),
        invoice,
        amountCents: command.amountCents,
        currency: command.currency,
        reference: command.reference,
        now: this.clock.now(),
      });
      await this.payments.add(payment);
      await this.invoices.save(invoice);
      await this.outbox.recordAll([
        ...paymentCatalogueEvents(payment.pullEvents(), payment.snapshot()),
        ...invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot()),
      ]);
      // Only an open invoice takes a payment, so a paid one now was settled by this payment.
      if (invoice.status === 'paid') await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
      return { payment: payment.snapshot(), invoice: invoice.snapshot() };
    });
  }
}
