import { type DisputableInvoice, Dispute, type DisputeActor } from './dispute';

/** Builders with intent names for the dispute's unit tests. */
export const OPENED_AT = new Date('2026-07-03T10:15:00Z');
export const RESOLVED_AT = new Date('2026-07-10T09:00:00Z');

export const theClient: DisputeActor = { role: 'client', subject: 'usr_client_ap' };
export const finance: DisputeActor = { role: 'finance', subject: 'usr_finance_lead' };

export function anOpenInvoice(overrides: Partial<DisputableInvoice> = {}): DisputableInvoice {
  return {
    invoiceId: 'inv_1',
    invoiceNumber: 'INV-2026-000001',
    contractId: 'con_1',
    clientId: 'cli_1',
    currency: 'usd',
    balanceCents: 772_500,
    open: true,
    ...overrides,
  };
}

/** A dispute of `amountCents` (default 150,000) on an open invoice, its opening already announced. */
export function anOpenDispute(amountCents = 150_000): Dispute {
  const dispute = Dispute.open({ id: 'dsp_1', invoice: anOpenInvoice(), amountCents, reason: 'Billed five review days; there were two.', openedBy: theClient, now: OPENED_AT });
  dispute.pullEvents();
  return dispute;
}
