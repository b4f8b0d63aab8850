import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiIdempotencyKey, ApiProblems } from '@mb/platform';
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
  @ApiProblems({ 400: ['request.invalid'], 422: ['webhook_subscription.invalid_url', 'webhook_subscription.no_events', 'webhook_subscription.unknown_event'] })
  @ApiIdempotencyKey({ neverStored: ['secret'] })
  async create(@Body() body: CreateWebhookSubscriptionDto): Promise<CreatedWebhookSubscriptionResponse> {
    return createdWebhookSubscriptionResponseOf(await this.subscribeWebhook.execute({ url: body.url, events: body.events }));
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhookSubscriptions', summary: 'List the webhook subscriptions', description: 'Without their secrets.' })
  @ApiOkResponse({ type: WebhookSubscriptionListResponse, description: 'Every subscription.' })
  async list(): Promise<WebhookSubscriptionListResponse> {
    return { data: (await this.subscriptions.list()).map(webhookSubscriptionResponseOf) };
  }
}
