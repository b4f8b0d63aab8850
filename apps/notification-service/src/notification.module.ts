import { DynamicModule, Module } from '@nestjs/common';
import { eventConsumerProvider, type HostResolver, systemHostResolver, timerWorkersProvider } from '@mb/platform';
import { DeliveriesController } from './api/http/deliveries.controller';
import { TemplatesController } from './api/http/templates.controller';
import { WebhookSubscriptionsController } from './api/http/webhook-subscriptions.controller';
import { NotificationsGrpcController } from './api/grpc/notifications.grpc-controller';
import { DeleteWebhookSubscriptionHandler } from './application/delete-webhook-subscription/delete-webhook-subscription.handler';
import { DisableFailingWebhookHandler } from './application/disable-failing-webhook/disable-failing-webhook.handler';
import { DispatchDeliveryHandler } from './application/dispatch-delivery/dispatch-delivery.handler';
import { PlanNotificationsHandler } from './application/plan-notifications/plan-notifications.handler';
import { EmailChannel, WebhookChannel } from './application/ports/channels.port';
import { DocumentFetcher } from './application/ports/document-fetcher.port';
import { DeliveryRepository } from './application/ports/delivery.repository';
import { ParkedNoticeRepository } from './application/ports/parked-notice.repository';
import { RecipientDirectory } from './application/ports/recipient-directory.repository';
import { WebhookSubscriptionRepository } from './application/ports/webhook-subscription.repository';
import { DeliveryQueries } from './application/queries/delivery.queries';
import { WebhookSubscriptionQueries } from './application/queries/webhook-subscription.queries';
import { PauseWebhookSubscriptionHandler } from './application/pause-webhook-subscription/pause-webhook-subscription.handler';
import { RecordRecipientsHandler } from './application/record-recipients/record-recipients.handler';
import { ReplayWebhookDeliveriesHandler } from './application/replay-webhook-deliveries/replay-webhook-deliveries.handler';
import { ResumeWebhookSubscriptionHandler } from './application/resume-webhook-subscription/resume-webhook-subscription.handler';
import { SetDeliveryTimersHandler } from './application/set-delivery-timers/set-delivery-timers.handler';
import { ReencryptWebhookSecretsHandler } from './application/reencrypt-webhook-secrets/reencrypt-webhook-secrets.handler';
import { RotateWebhookSecretHandler } from './application/rotate-webhook-secret/rotate-webhook-secret.handler';
import { SubscribeWebhookHandler } from './application/subscribe-webhook/subscribe-webhook.handler';
import { HttpWebhookChannel, WEBHOOK_HOST_RESOLVER } from './infrastructure/channels/http-webhook.channel';
import { SmtpEmailChannel } from './infrastructure/channels/smtp-email.channel';
import { DeliveryDispatcher } from './infrastructure/scheduling/delivery.dispatcher';
import { HttpDocumentFetcher } from './infrastructure/documents/http-document.fetcher';
import { CollectionsCaseOpenedConsumer } from './infrastructure/messaging/collections-case-opened.consumer';
import { CollectionsHandedOffConsumer } from './infrastructure/messaging/collections-handed-off.consumer';
import { ContractActivatedConsumer } from './infrastructure/messaging/contract-activated.consumer';
import { ContractCreatedConsumer } from './infrastructure/messaging/contract-created.consumer';
import { InvoiceIssuedConsumer } from './infrastructure/messaging/invoice-issued.consumer';
import { InvoicePaymentReminderDueConsumer } from './infrastructure/messaging/invoice-payment-reminder-due.consumer';
import { MilestoneApprovalRequestedConsumer } from './infrastructure/messaging/milestone-approval-requested.consumer';
import { MilestoneDueSoonConsumer } from './infrastructure/messaging/milestone-due-soon.consumer';
import { webhookFanOutConsumers } from './infrastructure/messaging/webhook-fan-out.consumer';
import { SubscribedEventsCache } from './infrastructure/persistence/subscribed-events.cache';
import { TypeOrmDeliveryQueries } from './infrastructure/persistence/typeorm-delivery.queries';
import { TypeOrmDeliveryRepository } from './infrastructure/persistence/typeorm-delivery.repository';
import { TypeOrmParkedNoticeRepository } from './infrastructure/persistence/typeorm-parked-notice.repository';
import { TypeOrmRecipientDirectory } from './infrastructure/persistence/typeorm-recipient-directory.repository';
import { TypeOrmWebhookSubscriptionRepository } from './infrastructure/persistence/typeorm-webhook-subscription.repository';
import { DeliveryDueTimer } from './infrastructure/scheduling/delivery-due.timer';
import { WebhookFailingTimer } from './infrastructure/scheduling/webhook-failing.timer';
import { EmailRenderer } from './domain/templates/email-renderer';
import { loadEmailRenderer } from './infrastructure/templates/template-files.loader';

/** The events with a consumer of their own: they teach the recipients, or are emailed. */
const EVENT_CONSUMERS = [
  ContractCreatedConsumer,
  ContractActivatedConsumer,
  InvoiceIssuedConsumer,
  CollectionsCaseOpenedConsumer,
  MilestoneDueSoonConsumer,
  MilestoneApprovalRequestedConsumer,
  InvoicePaymentReminderDueConsumer,
  CollectionsHandedOffConsumer,
];

/** One consumer per catalogue event: the ones above, and the webhook fan-out for every other topic. */
export const NOTIFICATION_CONSUMERS = [...EVENT_CONSUMERS, ...webhookFanOutConsumers(EVENT_CONSUMERS.map((consumer) => consumer.event))];

/** Wiring only: the notification service's use cases, APIs, consumers and timer handler are registered here. */
@Module({
  controllers: [WebhookSubscriptionsController, DeliveriesController, NotificationsGrpcController, TemplatesController],
  providers: [
    { provide: DeliveryRepository, useClass: TypeOrmDeliveryRepository },
    { provide: RecipientDirectory, useClass: TypeOrmRecipientDirectory },
    { provide: ParkedNoticeRepository, useClass: TypeOrmParkedNoticeRepository },
    { provide: WebhookSubscriptionRepository, useClass: TypeOrmWebhookSubscriptionRepository },
    { provide: DeliveryQueries, useClass: TypeOrmDeliveryQueries },
    { provide: EmailChannel, useClass: SmtpEmailChannel },
    { provide: WebhookChannel, useClass: HttpWebhookChannel },
    { provide: DocumentFetcher, useClass: HttpDocumentFetcher },
    // The email templates, read and compiled once at start-up: a broken or missing one stops the start.
    { provide: EmailRenderer, useFactory: () => loadEmailRenderer() },
    PlanNotificationsHandler,
    RecordRecipientsHandler,
    SubscribeWebhookHandler,
    RotateWebhookSecretHandler,
    ReencryptWebhookSecretsHandler,
    PauseWebhookSubscriptionHandler,
    ResumeWebhookSubscriptionHandler,
    DeleteWebhookSubscriptionHandler,
    ReplayWebhookDeliveriesHandler,
    DisableFailingWebhookHandler,
    DispatchDeliveryHandler,
    SetDeliveryTimersHandler,
    WebhookSubscriptionQueries,
    ...NOTIFICATION_CONSUMERS,
    eventConsumerProvider('notifications', NOTIFICATION_CONSUMERS),
    DeliveryDispatcher,
    SubscribedEventsCache,
    DeliveryDueTimer,
    WebhookFailingTimer,
    timerWorkersProvider([DeliveryDueTimer, WebhookFailingTimer]),
  ],
})
export class NotificationModule {
  /**
   * The module with the resolver webhook hosts are resolved with: the system's, or a test's table
   * (so that a test can make a name resolve elsewhere after registration, as DNS rebinding does).
   */
  static forRoot(options: { hostResolver?: HostResolver } = {}): DynamicModule {
    return { module: NotificationModule, providers: [{ provide: WEBHOOK_HOST_RESOLVER, useValue: options.hostResolver ?? systemHostResolver }] };
  }
}
