import { eventDefinition, type EventData, type EventEnvelope, type EventName, validateEvent } from '@mb/events';
import { EventOutbox, type RecordEventOptions } from '@mb/messaging';

/** An event a use case recorded, as the fake outbox kept it. */
export interface RecordedOutboxEvent {
  readonly name: EventName;
  readonly data: unknown;
  readonly causationId?: string;
}

/**
 * An outbox for use-case unit tests. Like the real one it refuses an event the catalogue's schema
 * refuses, so a unit test also proves the use case publishes valid events.
 */
export class RecordingEventOutbox extends EventOutbox {
  readonly recorded: RecordedOutboxEvent[] = [];
  private sequence = 0;

  async record<N extends EventName>(name: N, data: EventData<N>, options: RecordEventOptions = {}): Promise<EventEnvelope<N>> {
    this.sequence += 1;
    const envelope = {
      event: name,
      id: `evt_${String(this.sequence).padStart(26, '0')}`,
      created_at: new Date(0).toISOString(),
      data,
    };
    const validation = validateEvent(name, eventDefinition(name).currentVersion, envelope);
    if (!validation.ok) throw new Error(`${name} refused by its schema: ${JSON.stringify(validation.errors)}`);
    this.recorded.push({ name, data, ...(options.causationId ? { causationId: options.causationId } : {}) });
    return envelope as EventEnvelope<N>;
  }

  /** The names recorded, in order. */
  names(): EventName[] {
    return this.recorded.map((event) => event.name);
  }

  /** The data of the only event of this name; fails when there is none or more than one. */
  only<N extends EventName>(name: N): EventData<N> {
    const matching = this.recorded.filter((event) => event.name === name);
    if (matching.length !== 1) throw new Error(`expected one ${name}, recorded ${matching.length}: ${this.names().join(', ')}`);
    return matching[0].data as EventData<N>;
  }
}
