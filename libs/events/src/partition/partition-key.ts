import { eventDefinition, type EventName } from '../catalogue/event-catalogue';

/**
 * The Kafka message key of an event: the value of its definition's partition-key field, so that
 * every event of one contract (or, for collections, one client) lands on one partition in order.
 */
export function partitionKeyOf(envelope: { readonly event: EventName; readonly data: object }): string {
  const { partitionKey } = eventDefinition(envelope.event);
  const key: unknown = (envelope.data as Record<string, unknown>)[partitionKey];
  // Only reachable with an envelope that skipped validation: a broken invariant, not a result.
  if (typeof key !== 'string' || key === '') {
    throw new TypeError(`${envelope.event} event has no ${partitionKey} to use as its Kafka key`);
  }
  return key;
}
