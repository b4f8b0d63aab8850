import { Inject, Injectable } from '@nestjs/common';
import { DomainRejection } from '@mb/kernel';
import { SERVICE_CONFIG } from '@mb/platform';
import type { CollectionsServiceConfig } from '../../config';
import { type AgencyPaymentRequest, Receivables } from '../../application/ports/receivables.port';
import { ServiceApiClient, ServiceApiRefusal } from '../documents/service-api.fetcher';

/** The payment method invoicing records an agency's recovery under. */
export const AGENCY_PAYMENT_METHOD = 'collection_agency';

/** Records an agency's recovery through invoicing's public API (POST /v1/payments), as finance would. */
@Injectable()
export class HttpReceivables extends Receivables {
  private readonly invoicing: ServiceApiClient;

  constructor(@Inject(SERVICE_CONFIG) config: Pick<CollectionsServiceConfig, 'INVOICING_API_URL' | 'SERVICE_API_CREDENTIAL' | 'SERVICE_API_TIMEOUT_MS'>) {
    super();
    this.invoicing = new ServiceApiClient('invoicing-service', config.INVOICING_API_URL, config.SERVICE_API_CREDENTIAL, config.SERVICE_API_TIMEOUT_MS, 'agency_recovery');
  }

  async recordAgencyPayment(request: AgencyPaymentRequest): Promise<{ paymentId: string }> {
    try {
      // No allocation named: invoicing applies it to the client's open invoices in the currency, oldest first.
      const payment = await this.invoicing.postJson<{ id: string }>(
        '/v1/payments',
        {
          client_id: request.clientId,
          amount_cents: request.amountCents,
          currency: request.currency,
          received_on: request.receivedOn,
          method: AGENCY_PAYMENT_METHOD,
          external_reference: request.externalReference,
        },
        { 'idempotency-key': request.idempotencyKey },
      );
      return { paymentId: payment.id };
    } catch (error) {
      if (!(error instanceof ServiceApiRefusal)) throw error;
      // Invoicing's reason, as it gave it (payment.received_on_in_future, payment.duplicate_reference…).
      const field = error.code === 'payment.received_on_in_future' ? 'received_on' : error.code === 'payment.duplicate_reference' ? 'external_reference' : undefined;
      throw new DomainRejection(error.status === 409 ? 'conflict' : 'invalid', 'agency_recovery.payment_refused', `invoicing refused the payment (${error.code}): ${error.detail}`, field);
    }
  }
}
