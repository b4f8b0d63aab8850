import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { ClientId, Text, Timestamp, WebhookSubscriptionId, TEXT_LIMITS } from '../event-fields';

export const NotificationWebhookDisabledDataV1 = Type.Object(
  {
    subscription_id: WebhookSubscriptionId,
    client_id: Type.Optional(ClientId),
    url_origin: Text("The subscription URL's origin (`https://erp.acme.example`); paths may carry receivers' tokens.", TEXT_LIMITS.webhookOrigin),
    reason: Text('Why it was disabled (`failing_since 2026-05-28T09:10:20.000Z`: no delivery accepted for three days).', TEXT_LIMITS.webhookDisabledReason),
    failing_since: Timestamp('The first failed attempt of the streak: no delivery was accepted since.'),
    disabled_at: Timestamp('When it was disabled; its pending deliveries were cancelled then.'),
  },
  { description: 'A webhook subscription whose deliveries failed continuously for three days, disabled; resuming it enables it again.' },
);

export const notificationWebhookDisabled = defineEvent({
  name: 'notification.webhook_disabled',
  producer: 'notification-service',
  description: 'A webhook subscription was disabled after its deliveries failed continuously for three days.',
  partitionKey: 'subscription_id',
  currentVersion: 1,
  versions: { 1: NotificationWebhookDisabledDataV1 },
});
