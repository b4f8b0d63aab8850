import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Count, Timestamp } from '../event-fields';
import { deliveryOutcomeFields } from './notification.fields';

export const NotificationSentDataV1 = Type.Object(
  {
    ...deliveryOutcomeFields,
    status_code: Type.Optional(Count('The HTTP status a webhook receiver answered with.', { minimum: 100 })),
    sent_at: Timestamp('When the recipient accepted it.'),
  },
  { description: 'One delivery accepted by its recipient; published once per delivery, not per attempt.' },
);

export const notificationSent = defineEvent({
  name: 'notification.sent',
  producer: 'notification-service',
  description: 'An email or webhook delivery was accepted by its recipient.',
  partitionKey: 'delivery_id',
  currentVersion: 1,
  versions: { 1: NotificationSentDataV1 },
});
