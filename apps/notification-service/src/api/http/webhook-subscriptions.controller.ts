import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiProblems, type Caller, CurrentCaller, RequestRejection } from '@mb/platform';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { CreateWebhookSubscriptionDto } from './create-webhook-subscription.dto';
import {
  CreatedWebhookSubscriptionResponse,
  createdWebhookSubscriptionResponseOf,
  WebhookSubscriptionListResponse,
  webhookSubscriptionResponseOf,
} from './webhook-subscription.response';

@Controller('v1/webhook-subscriptions')
@AccessPolicy<WebhookSubscriptionsController>({
  create: ['admin', 'service', 'client'],
  list: ['admin', 'service', 'auditor', 'client'],
})
export class WebhookSubscriptionsController {
  constructor(
    private readonly subscribeWebhook: SubscribeWebhookHandler,
    private readonly subscriptions: WebhookSubscriptionQueries,
  ) {}

  /** The secret is shown once, in this answer; receivers verify signatures with it. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ operationId: 'createWebhookSubscription', summary: 'Subscribe a URL to events', description: 'Deliveries are signed as Standard Webhooks describe, with the secret returned here.' })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionResponse, description: 'The subscription, with its secret (shown this once).' })
  @ApiProblems({
    400: ['request.invalid'],
    422: ['webhook_subscription.invalid_url', 'webhook_subscription.no_events', 'webhook_subscription.unknown_event', 'webhook_subscription.other_client'],
  })
  @ApiIdempotencyKey()
  async create(@Body() body: CreateWebhookSubscriptionDto, @CurrentCaller() caller: Caller): Promise<CreatedWebhookSubscriptionResponse> {
    // A client's subscription hears of its own client only, whatever the body says.
    if (caller.clientId !== null && body.client_id !== undefined && body.client_id !== caller.clientId) {
      throw new RequestRejection(422, 'webhook_subscription.other_client', 'a client subscribes to its own events only', [
        { field: 'client_id', rule: 'webhook_subscription.other_client', message: 'client_id must be your own client, or left out' },
      ]);
    }
    const clientId = caller.clientId ?? body.client_id ?? null;
    return createdWebhookSubscriptionResponseOf(await this.subscribeWebhook.execute({ url: body.url, events: body.events, clientId }));
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhookSubscriptions', summary: 'List the webhook subscriptions', description: 'Without their secrets.' })
  @ApiOkResponse({ type: WebhookSubscriptionListResponse, description: "Every subscription; a client's own only, for a client." })
  async list(@CurrentCaller() caller: Caller): Promise<WebhookSubscriptionListResponse> {
    const subscriptions = await this.subscriptions.list();
    return { data: subscriptions.filter((subscription) => caller.clientId === null || subscription.clientId === caller.clientId).map(webhookSubscriptionResponseOf) };
  }
}
