import { Module } from '@nestjs/common';
import { eventConsumerProvider } from '@mb/platform';
import { DeliveriesController } from './api/http/deliveries.controller';
import { WebhookSubscriptionsController } from './api/http/webhook-subscriptions.controller';
import { NotificationsGrpcController } from './api/grpc/notifications.grpc-controller';
import { DispatchDeliveriesHandler } from './application/dispatch-deliveries/dispatch-deliveries.handler';
import { FindDeliveriesQuery } from './application/find-deliveries/find-deliveries.query';
import { PlanNotificationsHandler } from './application/plan-notifications/plan-notifications.handler';
import { EmailChannel, WebhookChannel } from './application/ports/channels';
import { DeliveryRepository } from './application/ports/delivery.repository';
import { RecipientDirectory } from './application/ports/recipient-directory';
import { WebhookSubscriptionRepository } from './application/ports/webhook-subscription.repository';
import { RecordRecipientsHandler } from './application/record-recipients/record-recipients.handler';
import { SubscribeWebhookHandler } from './application/subscribe-webhook/subscribe-webhook.handler';
import { DeliveryDispatcherLoop } from './infrastructure/channels/delivery-dispatcher.loop';
import { HttpWebhookChannel } from './infrastructure/channels/http-webhook.channel';
import { SmtpEmailChannel } from './infrastructure/channels/smtp-email.channel';
import { NOTIFICATION_CONSUMERS } from './infrastructure/messaging/notification-event.consumers';
import { PgDeliveryRepository } from './infrastructure/persistence/pg-delivery.repository';
import { PgRecipientDirectory } from './infrastructure/persistence/pg-recipient-directory';
import { PgWebhookSubscriptionRepository } from './infrastructure/persistence/pg-webhook-subscription.repository';

/** Wiring only: the notification service's use cases, APIs and consumers are registered here. */
@Module({
  controllers: [WebhookSubscriptionsController, DeliveriesController, NotificationsGrpcController],
  providers: [
    { provide: DeliveryRepository, useClass: PgDeliveryRepository },
    { provide: RecipientDirectory, useClass: PgRecipientDirectory },
    { provide: WebhookSubscriptionRepository, useClass: PgWebhookSubscriptionRepository },
    { provide: EmailChannel, useClass: SmtpEmailChannel },
    { provide: WebhookChannel, useClass: HttpWebhookChannel },
    PlanNotificationsHandler,
    RecordRecipientsHandler,
    SubscribeWebhookHandler,
    FindDeliveriesQuery,
    DispatchDeliveriesHandler,
    DeliveryDispatcherLoop,
    ...NOTIFICATION_CONSUMERS,
    eventConsumerProvider('notifications', NOTIFICATION_CONSUMERS),
  ],
})
export class NotificationModule {}
