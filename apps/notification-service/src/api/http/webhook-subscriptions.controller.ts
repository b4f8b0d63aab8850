import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { CreateWebhookSubscriptionDto } from './create-webhook-subscription.dto';
import { type WebhookSubscriptionResponse, webhookSubscriptionResponseOf } from './webhook-subscription.response';

@Controller('v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(
    private readonly subscribeWebhook: SubscribeWebhookHandler,
    private readonly subscriptions: WebhookSubscriptionQueries,
  ) {}

  /** The secret is shown once, in this answer; receivers verify signatures with it. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateWebhookSubscriptionDto): Promise<WebhookSubscriptionResponse> {
    return webhookSubscriptionResponseOf(await this.subscribeWebhook.execute({ url: body.url, events: body.events }), true);
  }

  @Get()
  async list(): Promise<{ data: WebhookSubscriptionResponse[] }> {
    return { data: (await this.subscriptions.list()).map((subscription) => webhookSubscriptionResponseOf(subscription, false)) };
  }
}
