import type { CatalogueEvent } from '@mb/messaging';
import type { RefundEvent, RefundSnapshot } from '../../domain/refund/refund';

/** The catalogue events announcing what a refund recorded: recorded → `refund.recorded`. */
export function refundCatalogueEvents(events: readonly RefundEvent[], refund: RefundSnapshot): CatalogueEvent[] {
  return events.map((event): CatalogueEvent => {
    switch (event.type) {
      case 'recorded':
        return {
          name: 'refund.recorded',
          data: {
            refund_id: refund.id,
            client_id: refund.clientId,
            currency: refund.currency,
            amount_cents: refund.amountCents,
            refunded_on: refund.refundedOn,
            method: refund.method,
            ...(refund.externalReference !== null ? { external_reference: refund.externalReference } : {}),
            ...(refund.reason !== null ? { reason: refund.reason } : {}),
            unapplied_cents: refund.unappliedCentsAfter,
          },
        };
    }
  });
}
