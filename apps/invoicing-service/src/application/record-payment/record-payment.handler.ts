import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, Timers, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import type { Invoice, InvoiceSnapshot } from '../../domain/invoice/invoice';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import type { AllocationPart } from '../../domain/payment/allocation';
import { type AllocationInstruction, Payment, type PaymentMethod, type PaymentSnapshot } from '../../domain/payment/payment';
import { PaymentErrors } from '../../domain/payment/payment.errors';
import { INVOICE_OVERDUE_TIMER } from '../announce-invoice-overdue/announce-invoice-overdue.handler';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { invoiceCatalogueEvents } from '../events/invoice.events';
import { paymentCatalogueEvents } from '../events/payment.events';
import { ClientBalanceRepository } from '../ports/client-balance.repository';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { PaymentRepository } from '../ports/payment.repository';

export interface RecordPaymentCommand {
  /** The client who paid; may be left out when the payment names an invoice (it is that invoice's client). */
  readonly clientId: string | null;
  readonly amountCents: number;
  readonly currency: string;
  /** The value date; today in the client's time zone when null. */
  readonly receivedOn: string | null;
  readonly method: PaymentMethod;
  readonly externalReference: string | null;
  /**
   * How to allocate: explicit parts; or one invoice (`invoiceId`), which takes up to its balance;
   * or neither, oldest first over the client's open invoices in the currency. The rest is credit.
   */
  readonly allocations: readonly AllocationPart[] | null;
  readonly invoiceId: string | null;
}

export interface RecordedPayment {
  readonly payment: PaymentSnapshot;
  /** The invoices the payment was allocated to, as it left them, in allocation order. */
  readonly invoices: readonly InvoiceSnapshot[];
  /** The client's unapplied credit in the payment's currency after it. */
  readonly creditCents: number;
}

/**
 * Records a client's payment and applies it (issue 10 "Cash application"): the invoices it may
 * settle are locked (in id order, so concurrent payments queue rather than deadlock or
 * over-apply), then the client's credit in the currency; the payment is allocated, its rest added
 * to the credit, and payment.recorded, then invoice.paid for each invoice it settled, go out in
 * this one unit of work. An invoice it settles has its overdue timer cancelled with it.
 */
@Injectable()
export class RecordPaymentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly balances: ClientBalanceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    private readonly reminders: PaymentReminderScheduler,
  ) {}

  async execute(command: RecordPaymentCommand): Promise<RecordedPayment> {
    return this.unitOfWork.run(async () => {
      const named = command.allocations?.map((part) => part.invoiceId) ?? (command.invoiceId ? [command.invoiceId] : []);
      const candidates = named.length > 0 ? await this.namedInvoices(named) : [];
      const clientId = command.clientId ?? candidates[0]?.snapshot().clientId ?? null;
      if (clientId === null) throw PaymentErrors.clientRequired();
      const client = await this.contracts.findClient(clientId);
      if (!client) throw PaymentErrors.clientNotKnown(clientId);
      const openInvoices = named.length > 0 ? candidates : await this.invoices.findOpenOfClient(clientId, command.currency, { forUpdate: true });
      const credit = await this.balances.lock(clientId, command.currency);

      const payment = Payment.receive({
        id: newId('pay'),
        clientId,
        clientTimeZone: client.clientTimeZone,
        currency: command.currency,
        amountCents: command.amountCents,
        receivedOn: command.receivedOn,
        method: command.method,
        externalReference: command.externalReference,
        allocation: this.instruction(command, candidates),
        openInvoices,
        credit,
        now: this.clock.now(),
      });
      await this.payments.add(payment);
      const allocated = payment.snapshot().allocations.map((allocation) => openInvoices.find((invoice) => invoice.id === allocation.invoiceId) as Invoice);
      for (const invoice of allocated) await this.invoices.save(invoice);
      await this.balances.save(credit);
      await this.outbox.recordAll([
        ...paymentCatalogueEvents(payment.pullEvents(), payment.snapshot()),
        ...allocated.flatMap((invoice) => invoiceCatalogueEvents(invoice.pullEvents(), invoice.snapshot())),
      ]);
      // Only an open invoice takes a payment, so a paid one now was settled by this payment.
      for (const invoice of allocated) {
        if (invoice.status !== 'paid') continue;
        await this.timers.cancel(INVOICE_OVERDUE_TIMER, invoice.id);
        await this.reminders.cancelFor(invoice.id);
      }
      return { payment: payment.snapshot(), invoices: allocated.map((invoice) => invoice.snapshot()), creditCents: credit.unappliedCents };
    });
  }

  private async namedInvoices(ids: readonly string[]): Promise<Invoice[]> {
    const found = await this.invoices.findByIds(ids, { forUpdate: true });
    const missing = ids.find((id) => !found.some((invoice) => invoice.id === id));
    if (missing !== undefined) throw InvoiceErrors.notFound(missing);
    return found;
  }

  /** One invoice named alone takes what it owes (or the whole payment, refused if it is not open); the rest is credit. */
  private instruction(command: RecordPaymentCommand, candidates: readonly Invoice[]): AllocationInstruction {
    if (command.allocations) return { mode: 'explicit', parts: command.allocations };
    if (command.invoiceId) {
      const invoice = candidates[0];
      const amountCents = invoice.status === 'open' && invoice.snapshot().currency === command.currency ? Math.min(command.amountCents, invoice.balanceCents) : command.amountCents;
      return { mode: 'explicit', parts: [{ invoiceId: invoice.id, amountCents }] };
    }
    return { mode: 'oldest_first' };
  }
}
