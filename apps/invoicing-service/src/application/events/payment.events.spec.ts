import { validateEvent } from '@mb/events';
import { anOpenInvoice, CLIENT_ID, CONTRACT_ID } from '../../domain/invoice/invoice.fixtures';
import { Payment } from '../../domain/payment/payment';
import { paymentCatalogueEvents } from './payment.events';

describe('payment events', () => {
  const now = new Date('2026-06-01T10:00:00Z');

  it('announces a received payment as a valid payment.recorded allocated wholly to its invoice', () => {
    // given a payment with a reference, received for an open invoice
    const invoice = anOpenInvoice();
    const payment = Payment.receive({ id: 'pay_01JTEST0000000000000000001', invoice, amountCents: 250_000, currency: 'usd', reference: 'WIRE-1', now });
    // when its recorded events are mapped
    const events = paymentCatalogueEvents(payment.pullEvents(), payment.snapshot());
    // then one payment.recorded goes out, accepted by the catalogue, with nothing unapplied
    expect(events).toEqual([
      {
        name: 'payment.recorded',
        data: {
          payment_id: 'pay_01JTEST0000000000000000001',
          contract_id: CONTRACT_ID,
          client_id: CLIENT_ID,
          currency: 'usd',
          amount_cents: 250_000,
          received_on: '2026-06-01',
          allocations: [{ invoice_id: invoice.id, invoice_number: 'INV-2026-000001', amount_cents: 250_000 }],
          unapplied_cents: 0,
          reference: 'WIRE-1',
        },
      },
    ]);
    const validation = validateEvent('payment.recorded', 1, { event: 'payment.recorded', id: 'evt_01JX0000000000000000000001', created_at: now.toISOString(), data: events[0].data });
    expect(validation).toMatchObject({ ok: true });
  });

  it('leaves the reference out when the payer gave none', () => {
    const payment = Payment.receive({ id: 'pay_01JTEST0000000000000000002', invoice: anOpenInvoice(), amountCents: 1, currency: 'usd', reference: null, now });
    const [recorded] = paymentCatalogueEvents(payment.pullEvents(), payment.snapshot());
    expect(recorded.data).not.toHaveProperty('reference');
  });
});
