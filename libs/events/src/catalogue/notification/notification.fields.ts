import { Type } from '@sinclair/typebox';
import { ClientId, Count, DeliveryId, EventId, StringEnum, Text, WebhookSubscriptionId, TEXT_LIMITS } from '../event-fields';

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;

/**
 * What every notification.sent / notification.failed says about the delivery: one message to one
 * recipient for one event. The recipient is redacted: an email's local part keeps its first
 * character, a webhook URL keeps its origin (paths and queries may carry receivers' tokens).
 */
export const deliveryOutcomeFields = {
  delivery_id: DeliveryId,
  channel: StringEnum(NOTIFICATION_CHANNELS, { description: 'email or webhook.' }),
  event_id: EventId,
  event_type: Text('The name of the event the message carries (invoice.issued, …).', TEXT_LIMITS.eventName),
  client_id: Type.Optional(ClientId),
  subscription_id: Type.Optional(WebhookSubscriptionId),
  recipient: Text('Who it went to, redacted: `j***@client.example`, or the webhook URL\'s origin `https://erp.acme.example`.', TEXT_LIMITS.recipient),
  attempt: Count('How many attempts the delivery took, this last one included.', { minimum: 1 }),
  replay_of: Type.Optional(DeliveryId),
};
