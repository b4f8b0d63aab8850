import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { DeliveryQueries } from '../../application/queries/delivery.queries';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { ListDeliveriesQueryDto } from '../http/list-deliveries.dto';
import { deliveryMessage, webhookSubscriptionMessage } from './notification.response';

const { serviceName } = GRPC_APIS.notification;

/** What the service has sent, and to whom, over gRPC: the reads of the REST controllers. */
@GrpcController()
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
  async listWebhookSubscriptions() {
    return { webhook_subscriptions: (await this.subscriptions.list()).map(webhookSubscriptionMessage) };
  }
}
