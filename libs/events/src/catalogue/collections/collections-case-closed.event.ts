import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseId, ClientId, StringEnum, Timestamp } from '../event-fields';

export const CASE_RESOLUTIONS = ['paid', 'written_off', 'partly_written_off'] as const;

export const CollectionsCaseClosedDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    resolution: StringEnum(CASE_RESOLUTIONS, {
      description:
        'paid: every invoice was settled (payments, credit notes or voids); written_off: every remaining balance was written off; partly_written_off: some of each.',
    }),
    closed_at: Timestamp('When the case closed.'),
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
