import type { AnyEventEnvelope } from '@mb/events';

/**
 * Events whose email waits for its recipient to be known: events of different topics arrive in any
 * order, so an invoice can be issued before the contract event naming the client's AP contact.
 * Writes join the open unit of work.
 */
export abstract class ParkedNoticeRepository {
  /** Keeps the event for the client; parking the same event again changes nothing. */
  abstract park(clientId: string, envelope: AnyEventEnvelope, at: Date): Promise<void>;
  /** The notices parked for the client, locked until the unit of work ends, oldest first. */
  abstract parkedFor(clientId: string): Promise<AnyEventEnvelope[]>;
  abstract unpark(eventId: string): Promise<void>;
}
