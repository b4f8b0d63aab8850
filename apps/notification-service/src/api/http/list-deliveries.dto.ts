import { IsPrefixedId } from '@mb/platform';

/** GET /v1/deliveries's query: the event whose messages are listed. */
export class ListDeliveriesQueryDto {
  @IsPrefixedId('evt', 'an event id')
  event_id!: string;
}
