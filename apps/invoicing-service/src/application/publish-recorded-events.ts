import type { EntityManager } from 'typeorm';
import type { OutboxWriter } from '@mb/messaging';
import type { RecordedEvent } from '../domain/recorded-event';

/** Writes what an aggregate recorded to the outbox, in the caller's transaction and in order. */
export async function publishRecordedEvents(outbox: OutboxWriter, manager: EntityManager, events: RecordedEvent[], causationId?: string): Promise<void> {
  for (const event of events) {
    // The union is correlated (name with its data); TypeScript cannot see it through the generic call.
    await outbox.record(manager, event.name as 'invoice.issued', event.data as never, { causationId });
  }
}
