import { EntitySchema } from 'typeorm';
import type { AnyEventEnvelope } from '@mb/events';

/** A row of notification.parked_notices: an event whose email waits for its recipient. */
export interface ParkedNoticeRecord {
  eventId: string;
  clientId: string;
  envelope: AnyEventEnvelope;
  parkedAt: Date;
}

export const ParkedNoticeEntity = new EntitySchema<ParkedNoticeRecord>({
  name: 'ParkedNotice',
  schema: 'notification',
  tableName: 'parked_notices',
  columns: {
    eventId: { type: 'text', name: 'event_id', primary: true },
    clientId: { type: 'text', name: 'client_id' },
    envelope: { type: 'jsonb' },
    parkedAt: { type: 'timestamptz', name: 'parked_at' },
  },
});
