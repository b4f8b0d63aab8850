import type { EventData, EventEnvelope, EventName } from '@mb/events';
import type { TypeOrmUnitOfWork } from '../unit-of-work/typeorm-unit-of-work';
import type { OutboxWriter, RecordEventOptions } from './outbox-writer';

/**
 * Where a use case records the catalogue events its change announces: they commit with the
 * change, in the open unit of work, and are published after. Application code depends on this
 * port only; tests use an in-memory fake.
 */
export abstract class EventOutbox {
  abstract record<N extends EventName>(name: N, data: EventData<N>, options?: RecordEventOptions): Promise<EventEnvelope<N>>;

  /** Records events in order: what an application's event mapper made of an aggregate's events. */
  async recordAll(events: readonly CatalogueEvent[], options: RecordEventOptions = {}): Promise<void> {
    for (const event of events) await this.record(event.name, event.data as never, options);
  }
}

/** One catalogue event to publish: its name and the data its schema describes. */
export type CatalogueEvent = { [N in EventName]: { readonly name: N; readonly data: EventData<N> } }[EventName];

/** The outbox table of the service's schema, written in the unit of work's transaction. */
export class TransactionalEventOutbox extends EventOutbox {
  constructor(
    private readonly writer: OutboxWriter,
    private readonly unitOfWork: TypeOrmUnitOfWork,
  ) {
    super();
  }

  record<N extends EventName>(name: N, data: EventData<N>, options: RecordEventOptions = {}): Promise<EventEnvelope<N>> {
    return this.writer.record(this.unitOfWork.currentManager(), name, data, options);
  }
}
