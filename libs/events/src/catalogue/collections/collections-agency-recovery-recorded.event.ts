import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { AgencyRecoveryId, CalendarDate, CaseId, Cents, ClientId, Currency, PaymentId, Text, Timestamp, TEXT_LIMITS } from '../event-fields';

export const CollectionsAgencyRecoveryRecordedDataV1 = Type.Object(
  {
    recovery_id: AgencyRecoveryId,
    case_id: CaseId,
    client_id: ClientId,
    agency: Text('The collection agency that recovered it.', TEXT_LIMITS.agency),
    payment_id: PaymentId,
    currency: Currency,
    gross_cents: Cents('What the agency recovered from the client: recorded as a payment in invoicing (payment_id).', { minimum: 1 }),
    agency_fee_cents: Cents("The agency's fee, kept apart in collections: it does not lower what the client owes.", { minimum: 0 }),
    net_cents: Cents('What the agency passes on: gross less the fee.', { minimum: 0 }),
    received_on: CalendarDate('When the agency received it.'),
    external_reference: Text("The agency's reference for the recovery.", TEXT_LIMITS.agencyReference),
    recorded_at: Timestamp('When it was recorded.'),
  },
  { description: "Money a collection agency recovered on a handed-off case: the gross is the client's payment, the fee the agency's." },
);

export const collectionsAgencyRecoveryRecorded = defineEvent({
  name: 'collections.agency_recovery_recorded',
  producer: 'collections-service',
  description: 'A collection agency recovered money on a handed-off case (recorded as a payment in invoicing, its fee kept apart).',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsAgencyRecoveryRecordedDataV1 },
});
