import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicyFrom, callerOfCall, GrpcController, validRequest } from '@mb/platform';
import { DeliveriesController, visibleDeliveries } from '../http/deliveries.controller';
import { WebhookSubscriptionsController } from '../http/webhook-subscriptions.controller';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { ListDeliveriesQueryDto } from '../http/list-deliveries.dto';
import { deliveryMessage, webhookSubscriptionMessage } from './notification.response';

const { serviceName } = GRPC_APIS.notification;

/** What the service has sent, and to whom, over gRPC: the reads of the REST controllers. */
@GrpcController()
@AccessPolicyFrom<NotificationsGrpcController>([DeliveriesController, WebhookSubscriptionsController], {
  listDeliveries: 'listDeliveries',
  listWebhookSubscriptions: 'listWebhookSubscriptions',
})
export class NotificationsGrpcController {
  constructor(
    private readonly deliveries: DeliveryQueries,
    private readonly subscriptions: WebhookSubscriptionQueries,
  ) {}

  @GrpcMethod(serviceName, 'ListDeliveries')
  async listDeliveries(request: object, metadata: Metadata) {
    const { event_id } = await validRequest(ListDeliveriesQueryDto, request);
    return { deliveries: visibleDeliveries(callerOfCall(metadata), await this.deliveries.ofEvent(event_id)).map(deliveryMessage) };
  }

  @GrpcMethod(serviceName, 'ListWebhookSubscriptions')
  async listWebhookSubscriptions(_request: object, metadata: Metadata) {
    const { clientId } = callerOfCall(metadata);
    const visible = (await this.subscriptions.list()).filter((subscription) => clientId === null || subscription.clientId === clientId);
    return { webhook_subscriptions: visible.map(webhookSubscriptionMessage) };
  }
}
