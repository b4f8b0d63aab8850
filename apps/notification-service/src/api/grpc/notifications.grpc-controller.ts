import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import type { Metadata } from '@grpc/grpc-js';
import { AccessPolicy, callerOfCall, GrpcController, STAFF_READERS, validRequest } from '@mb/platform';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { ListDeliveriesQueryDto } from '../http/list-deliveries.dto';
import { deliveryMessage, webhookSubscriptionMessage } from './notification.response';

const { serviceName } = GRPC_APIS.notification;

/** What the service has sent, and to whom, over gRPC: the reads of the REST controllers. */
@GrpcController()
@AccessPolicy<NotificationsGrpcController>({
  listDeliveries: STAFF_READERS,
  listWebhookSubscriptions: ['admin', 'service', 'auditor', 'client'],
})
export class NotificationsGrpcController {
  constructor(
    private readonly deliveries: DeliveryQueries,
    private readonly subscriptions: WebhookSubscriptionQueries,
  ) {}

  @GrpcMethod(serviceName, 'ListDeliveries')
  async listDeliveries(request: object) {
    const { event_id } = await validRequest(ListDeliveriesQueryDto, request);
    return { deliveries: (await this.deliveries.ofEvent(event_id)).map(deliveryMessage) };
  }

  @GrpcMethod(serviceName, 'ListWebhookSubscriptions')
  async listWebhookSubscriptions(_request: object, metadata: Metadata) {
    const { clientId } = callerOfCall(metadata);
    const visible = (await this.subscriptions.list()).filter((subscription) => clientId === null || subscription.clientId === clientId);
    return { webhook_subscriptions: visible.map(webhookSubscriptionMessage) };
  }
}
