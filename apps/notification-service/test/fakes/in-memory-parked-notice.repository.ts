import type { AnyEventEnvelope } from '@mb/events';
import { ParkedNoticeRepository } from '../../src/application/ports/parked-notice.repository';

interface ParkedNotice {
  readonly clientId: string;
  readonly envelope: AnyEventEnvelope;
  readonly parkedAt: Date;
}

/** Parked notices keyed by event id, as the table keeps them, for unit tests. */
export class InMemoryParkedNoticeRepository extends ParkedNoticeRepository {
  private readonly notices = new Map<string, ParkedNotice>();

  async park(clientId: string, envelope: AnyEventEnvelope, at: Date): Promise<void> {
    if (!this.notices.has(envelope.id)) this.notices.set(envelope.id, { clientId, envelope, parkedAt: at });
  }

  async parkedFor(clientId: string): Promise<AnyEventEnvelope[]> {
    return [...this.notices.values()]
      .filter((notice) => notice.clientId === clientId)
      .sort((a, b) => a.parkedAt.getTime() - b.parkedAt.getTime() || a.envelope.id.localeCompare(b.envelope.id))
      .map((notice) => notice.envelope);
  }

  async unpark(eventId: string): Promise<void> {
    this.notices.delete(eventId);
  }

  /** The ids of the events parked now, for a test's "then". */
  parkedEventIds(): string[] {
    return [...this.notices.keys()];
  }
}
