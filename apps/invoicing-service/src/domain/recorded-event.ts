import type { EventData, EventName } from '@mb/events';

/** An event an aggregate recorded; the use case writes it to the outbox in the same transaction. */
export type RecordedEvent = { [N in EventName]: { readonly name: N; readonly data: EventData<N> } }[EventName];
