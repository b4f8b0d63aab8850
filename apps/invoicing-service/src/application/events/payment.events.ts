import type { CatalogueEvent } from '@mb/messaging';
import type { PaymentEvent, PaymentSnapshot } from '../../domain/payment/payment';

/** The catalogue events announcing what a payment recorded: received → `payment.recorded`. */
export function paymentCatalogueEvents(events: readonly PaymentEvent[], payment: PaymentSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'received':
        return {
          name: 'payment.recorded',
          data: {
            payment_id: payment.id,
            contract_id: payment.contractId,
            client_id: payment.clientId,
            currency: payment.currency,
            amount_cents: payment.amountCents,
            received_on: payment.receivedOn,
            allocations: [{ invoice_id: payment.invoiceId, invoice_number: payment.invoiceNumber, amount_cents: payment.amountCents }],
            // Over-payments are refused for now, so nothing is ever left unapplied.
            unapplied_cents: 0,
            ...(payment.reference ? { reference: payment.reference } : {}),
          },
        };
    }
  });
}
