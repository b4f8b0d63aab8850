import { validateEvent } from '@mb/events';
import { anOpenInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { ClientBalance } from '../../domain/client-balance/client-balance';
import { Payment } from '../../domain/payment/payment';
import { aPaymentFor } from '../../domain/payment/payment.fixtures';
import { paymentCatalogueEvents } from './payment.events';

describe('payment events', () => {
  const now = new Date('2026-06-01T10:00:00Z');

  it('announces a received payment as a valid payment.recorded (version 2) allocated wholly to its invoice', () => {
    // given a payment with a reference, received for an open invoice
    const invoice = anOpenInvoice();
    const payment = aPaymentFor(invoice, { id: 'pay_01JTEST0000000000000000001', amountCents: 250_000, currency: 'usd', externalReference: 'WIRE-1', now });
    // when its recorded events are mapped
    const events = paymentCatalogueEvents(payment.pullEvents(), payment.snapshot());
    // then one payment.recorded goes out, accepted by the catalogue, with nothing unapplied
    expect(events).toEqual([
      {
        name: 'payment.recorded',
        data: {
          payment_id: 'pay_01JTEST0000000000000000001',
          client_id: CLIENT_ID,
          currency: 'usd',
          amount_cents: 250_000,
          received_on: '2026-06-01',
          method: 'bank_transfer',
          external_reference: 'WIRE-1',
          allocations: [{ invoice_id: invoice.id, invoice_number: 'INV-2026-000001', contract_id: CONTRACT_ID, amount_cents: 250_000 }],
          unapplied_cents: 0,
        },
      },
    ]);
    const validation = validateEvent('payment.recorded', 2, { event: 'payment.recorded', id: 'evt_01JX0000000000000000000001', created_at: now.toISOString(), data: events[0].data });
    expect(validation).toMatchObject({ ok: true });
  });

  it('leaves the reference out when the payer gave none', () => {
    const payment = aPaymentFor(anOpenInvoice(), { id: 'pay_01JTEST0000000000000000002', amountCents: 1, currency: 'usd', externalReference: null, now });
    const [recorded] = paymentCatalogueEvents(payment.pullEvents(), payment.snapshot());
    expect(recorded.data).not.toHaveProperty('external_reference');
  });

  it('carries what a payment left unapplied, its allocations adding up with it to the amount', () => {
    // given a payment of 800,000 on an invoice owing 750,000
    const invoice = anOpenInvoice();
    const payment = Payment.receive({
      id: 'pay_01JTEST0000000000000000003',
      clientId: CLIENT_ID,
      clientTimeZone: 'UTC',
      currency: 'usd',
      amountCents: 800_000,
      receivedOn: '2026-05-30',
      method: 'cheque',
      externalReference: 'CHQ 1002',
      allocation: { mode: 'oldest_first' },
      openInvoices: [invoice],
      credit: ClientBalance.empty(CLIENT_ID, 'usd'),
      now,
    });
    // when mapped
    const [recorded] = paymentCatalogueEvents(payment.pullEvents(), payment.snapshot());
    // then 750,000 is allocated and 50,000 unapplied, on the value date given
    expect(recorded.data).toMatchObject({ amount_cents: 800_000, unapplied_cents: 50_000, received_on: '2026-05-30', method: 'cheque' });
    expect(recorded.name === 'payment.recorded' && recorded.data.allocations.map((allocation) => allocation.amount_cents)).toEqual([750_000]);
  });
});
