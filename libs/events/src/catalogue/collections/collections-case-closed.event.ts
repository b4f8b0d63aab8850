import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, ClientId, StringEnum, Text, Timestamp, TEXT_LIMITS } from '../event-fields';

export const CASE_RESOLUTIONS = ['paid', 'written_off', 'partly_written_off', 'recovered_by_agency'] as const;

export const CollectionsCaseClosedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    resolution: StringEnum(CASE_RESOLUTIONS, {
      description:
        'paid: every invoice was settled (payments, credit notes or voids); written_off: every remaining balance was written off; partly_written_off: some of each; recovered_by_agency: settled in full while handed off to a collection agency.',
    }),
    closed_at: Timestamp('When the case closed.'),
    closed_by: Type.Optional(Text('Who closed it by hand (the subject of the caller writing it off); absent when it closed by itself.', TEXT_LIMITS.subject)),
    reason: Type.Optional(Text('Why it was closed by hand (the write-off reason); absent when it closed by itself.', TEXT_LIMITS.writeOffReason)),
  },
  { description: 'Every invoice of the case is paid or written off.' },
);

export const collectionsCaseClosed = defineEvent({
  name: 'collections.case_closed',
  producer: 'collections-service',
  description: 'A collections case closed: its invoices are paid or written off.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsCaseClosedDataV1 },
});
