import { GrpcMethod } from '@nestjs/microservices';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcController, validRequest } from '@mb/platform';
import { FindDeliveriesQuery } from '../../application/find-deliveries/find-deliveries.query';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { ListDeliveriesQueryDto } from '../http/deliveries.controller';
import { deliveryMessage, webhookSubscriptionMessage } from './notification.response';

const { serviceName } = GRPC_APIS.notification;

/** What the service has sent, and to whom, over gRPC: the reads of the REST controllers. */
@GrpcController()
export class NotificationsGrpcController {
  constructor(
    private readonly findDeliveries: FindDeliveriesQuery,
    private readonly subscribeWebhook: SubscribeWebhookHandler,
  ) {}

  @GrpcMethod(serviceName, 'ListDeliveries')
  async listDeliveries(request: object) {
    const { event_id } = await validRequest(ListDeliveriesQueryDto, request);
    return { deliveries: (await this.findDeliveries.ofEvent(event_id)).map(deliveryMessage) };
  }

  @GrpcMethod(serviceName, 'ListWebhookSubscriptions')
  async listWebhookSubscriptions() {
    return { webhook_subscriptions: (await this.subscribeWebhook.list()).map(webhookSubscriptionMessage) };
  }
}
