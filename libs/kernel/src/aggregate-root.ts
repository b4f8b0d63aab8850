/**
 * An aggregate that records what happened to it as plain domain events. The application layer
 * pulls them after a change and maps them to the published catalogue (the domain knows no wire
 * format), writing them to the outbox in the same unit of work as the state.
 */
export abstract class AggregateRoot<DomainEvent> {
  private recordedEvents: DomainEvent[] = [];

  protected record(event: DomainEvent): void {
    this.recordedEvents.push(event);
  }

  /** The events recorded since the last pull, oldest first; pulling forgets them. */
  pullEvents(): DomainEvent[] {
    const events = this.recordedEvents;
    this.recordedEvents = [];
    return events;
  }
}
