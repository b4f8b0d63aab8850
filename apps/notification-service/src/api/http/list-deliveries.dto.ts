import { ApiIdProperty, IsPrefixedId } from '@mb/platform';

/** GET /v1/deliveries's query: the event whose messages are listed. */
export class ListDeliveriesQueryDto {
  @ApiIdProperty('evt', 'The event whose deliveries to list')
  @IsPrefixedId('evt', 'an event id')
  event_id!: string;
}
