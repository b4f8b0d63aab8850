import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { Count, StringEnum, Text, Timestamp, TEXT_LIMITS } from '../event-fields';
import { deliveryOutcomeFields } from './notification.fields';

/** failed: refused for good (a permanent SMTP rejection, a destination refused); abandoned: still failing when the three-day retry window closed. */
export const NOTIFICATION_FAILURES = ['failed', 'abandoned'] as const;

export const NotificationFailedDataV1 = Type.Object(
  {
    ...deliveryOutcomeFields,
    status: StringEnum(NOTIFICATION_FAILURES, {
      description: 'failed: refused for good (a permanent rejection, a refused destination); abandoned: still failing when the three-day retry window closed.',
    }),
    error: Text('The last attempt\'s neutral reason (`http_503`, `timeout`, `connection_refused`).', TEXT_LIMITS.deliveryError),
    status_code: Type.Optional(Count('The HTTP status (or SMTP reply code) of the last attempt, when there was one.', { minimum: 100 })),
    failed_at: Timestamp('When the delivery was given up.'),
  },
  { description: 'One delivery given up; published once per delivery (its final outcome), not per failed attempt.' },
);

export const notificationFailed = defineEvent({
  name: 'notification.failed',
  producer: 'notification-service',
  description: 'An email or webhook delivery was given up: refused for good, or failing for three days.',
  partitionKey: 'delivery_id',
  currentVersion: 1,
  versions: { 1: NotificationFailedDataV1 },
});
