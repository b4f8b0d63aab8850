import type { CatalogueEvent } from '@mb/messaging';
import type { PaymentEvent, PaymentSnapshot } from '../../domain/payment/payment';

/** The catalogue events announcing what a payment recorded: received → `payment.recorded` (version 2). */
export function paymentCatalogueEvents(events: readonly PaymentEvent[], payment: PaymentSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'received':
        return {
          name: 'payment.recorded',
          data: {
            payment_id: payment.id,
            client_id: payment.clientId,
            currency: payment.currency,
            amount_cents: payment.amountCents,
            received_on: payment.receivedOn,
            method: payment.method,
            ...(payment.externalReference !== null ? { external_reference: payment.externalReference } : {}),
            allocations: payment.allocations.map((allocation) => ({
              invoice_id: allocation.invoiceId,
              invoice_number: allocation.invoiceNumber,
              contract_id: allocation.contractId,
              amount_cents: allocation.amountCents,
            })),
            unapplied_cents: payment.unappliedCents,
          },
        };
    }
  });
}
