import { Injectable } from '@nestjs/common';
import type { EventEnvelopeOfAnyVersion } from '@mb/events';
import type { EventHandler } from '@mb/messaging';
import { RecordIssuedInvoiceHandler } from '../../application/record-issued-invoice/record-issued-invoice.handler';

/** contract.activated: the client's time zone, in which its cases' stage days and promise dates are counted. */
@Injectable()
export class ContractActivatedConsumer implements EventHandler<'contract.activated'> {
  readonly event = 'contract.activated' as const;

  constructor(private readonly records: RecordIssuedInvoiceHandler) {}

  async handle(envelope: EventEnvelopeOfAnyVersion<'contract.activated'>): Promise<void> {
    const zone = (envelope.data as { client_time_zone?: string }).client_time_zone;
    if (zone) await this.records.rememberTimeZone(envelope.data.client_id, zone);
  }
}
