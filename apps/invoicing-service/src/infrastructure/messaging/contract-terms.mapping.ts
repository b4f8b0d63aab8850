import type { EventData } from '@mb/events';
import { UTC_TIME_ZONE } from '@mb/kernel';

/**
 * The contract terms invoicing keeps, read from the terms every contract event carries (activated
 * and amended alike), with the defaults of fields older events lack.
 */
export function contractTermsOfEvent(data: EventData<'contract.activated'> | EventData<'contract.amended'>) {
  return {
    clientName: data.client_name ?? null,
    // Absent from events older than clients' time zones, which meant UTC.
    clientTimeZone: data.client_time_zone ?? UTC_TIME_ZONE,
    title: data.title,
    currency: data.currency,
    totalValueCents: data.total_value_cents,
    netDays: data.net_days,
    taxRateBps: data.tax_rate_bps,
    retainageBps: data.retainage_bps,
    purchaseOrderRef: data.purchase_order_ref,
    clientBillingAddress: data.client_billing_address
      ? {
          street: data.client_billing_address.street,
          city: data.client_billing_address.city,
          postalCode: data.client_billing_address.postal_code,
          countryCode: data.client_billing_address.country_code,
        }
      : null,
    clientVatId: data.client_vat_number ?? null,
    clientPeppolId: data.client_peppol_participant ?? null,
    scheduleVersion: data.schedule_version,
    retainageReleaseDate: data.retainage_release_date ?? null,
  };
}
