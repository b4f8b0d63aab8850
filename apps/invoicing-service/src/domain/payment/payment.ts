import { AggregateRoot, calendarDateIn } from '@mb/kernel';
import type { ClientBalance } from '../client-balance/client-balance';
import type { Invoice } from '../invoice/invoice';
import { InvoiceErrors } from '../invoice/invoice.errors';
import { allocateOldestFirst, type AllocationPart, unappliedAfter } from './allocation';
import { PaymentErrors } from './payment.errors';

/** How money reached the supplier (issue 10). */
export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cheque', 'collection_agency', 'other'] as const;

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Part of a payment applied to one invoice. */
export interface PaymentAllocation {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly contractId: string;
  readonly amountCents: number;
}

export interface PaymentSnapshot {
  readonly id: string;
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  /** The value date, a calendar date in the client's time zone, never after its today. */
  readonly receivedOn: string;
  readonly method: PaymentMethod;
  /** The payer's or bank's reference, unique per client. */
  readonly externalReference: string | null;
  readonly allocations: readonly PaymentAllocation[];
  /** What the allocations left: added to the client's unapplied credit in the payment's currency. */
  readonly unappliedCents: number;
  readonly recordedAt: string;
}

/** How the payment is spread: oldest first over the client's open invoices, or as finance says. */
export type AllocationInstruction = { readonly mode: 'oldest_first' } | { readonly mode: 'explicit'; readonly parts: readonly AllocationPart[] };

/** What happened to a payment: it was received and allocated, its rest kept as credit. */
export type PaymentEvent = { readonly type: 'received' };

/**
 * A payment a client made, in one currency (issue 10 "Cash application"). Receiving it allocates
 * it across the client's open invoices in that currency, explicitly or oldest first; each
 * allocation settles (part of) one invoice, which records being paid itself when its balance
 * reaches zero; what is left is the client's unapplied credit, kept per currency. Money is never
 * mixed across currencies, and an allocation never exceeds an invoice's balance.
 */
export class Payment extends AggregateRoot<PaymentEvent> {
  private constructor(private readonly state: PaymentSnapshot) {
    super();
  }

  /**
   * `openInvoices`: the invoices the payment may settle, loaded and locked by the caller. With
   * oldest first, the client's open invoices in the payment's currency; with explicit parts, the
   * invoices the parts name (whatever their state, so that each refusal names its rule).
   */
  static receive(input: {
    id: string;
    clientId: string;
    clientTimeZone: string;
    currency: string;
    amountCents: number;
    receivedOn: string | null;
    method: PaymentMethod;
    externalReference: string | null;
    allocation: AllocationInstruction;
    openInvoices: readonly Invoice[];
    credit: ClientBalance;
    now: Date;
  }): Payment {
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw InvoiceErrors.nonPositivePayment();
    // The client's calendar date, as every date of its invoices (issue 9); a payment is not received tomorrow.
    const today = calendarDateIn(input.now, input.clientTimeZone);
    const receivedOn = input.receivedOn ?? today;
    if (receivedOn > today) throw PaymentErrors.receivedInTheFuture(receivedOn, today);
    if (input.credit.clientId !== input.clientId || input.credit.currency !== input.currency) {
      throw new Error(`payment ${input.id} of ${input.clientId} in ${input.currency} given the balance of ${input.credit.clientId} in ${input.credit.currency}`);
    }
    const byId = new Map(input.openInvoices.map((invoice) => [invoice.id, invoice]));
    for (const invoice of input.openInvoices) {
      if (invoice.snapshot().clientId !== input.clientId) throw PaymentErrors.invoiceOfAnotherClient(invoice.id, input.clientId);
    }

    const plan = Payment.plan(input.allocation, input.amountCents, input.currency, input.openInvoices);
    const receivedAt = input.now;
    const allocations = plan.parts.map((part): PaymentAllocation => {
      const invoice = byId.get(part.invoiceId);
      if (!invoice) throw InvoiceErrors.notFound(part.invoiceId);
      invoice.applyPayment({ paymentId: input.id, amountCents: part.amountCents, currency: input.currency, receivedAt });
      const target = invoice.snapshot();
      // applyPayment accepts open invoices only, and every issued invoice has its number.
      if (target.number === null) throw new Error(`invoice ${target.id} took a payment without a number`);
      return { invoiceId: target.id, invoiceNumber: target.number, contractId: target.contractId, amountCents: part.amountCents };
    });
    input.credit.add(plan.unappliedCents);

    const payment = new Payment({
      id: input.id,
      clientId: input.clientId,
      currency: input.currency,
      amountCents: input.amountCents,
      receivedOn,
      method: input.method,
      externalReference: input.externalReference,
      allocations,
      unappliedCents: plan.unappliedCents,
      recordedAt: input.now.toISOString(),
    });
    payment.record({ type: 'received' });
    return payment;
  }

  static restore(snapshot: PaymentSnapshot): Payment {
    return new Payment(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): PaymentSnapshot {
    return this.state;
  }

  private static plan(instruction: AllocationInstruction, amountCents: number, currency: string, invoices: readonly Invoice[]) {
    if (instruction.mode === 'oldest_first') {
      const open = invoices.flatMap((invoice) => {
        const { id, status, currency: invoiceCurrency, number, issueDate, dueDate } = invoice.snapshot();
        // An open invoice always has its number and dates; drafts and settled ones take nothing.
        if (status !== 'open' || invoiceCurrency !== currency || number === null || issueDate === null || dueDate === null) return [];
        return [{ invoiceId: id, number, issueDate, dueDate, balanceCents: invoice.balanceCents }];
      });
      return allocateOldestFirst(amountCents, open);
    }
    const seen = new Set<string>();
    for (const part of instruction.parts) {
      if (seen.has(part.invoiceId)) throw PaymentErrors.duplicateAllocation(part.invoiceId);
      seen.add(part.invoiceId);
    }
    const unappliedCents = unappliedAfter(amountCents, instruction.parts);
    if (unappliedCents === null) {
      throw PaymentErrors.allocationsExceedAmount(instruction.parts.reduce((sum, part) => sum + part.amountCents, 0), amountCents);
    }
    return { parts: instruction.parts, unappliedCents };
  }
}
