import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { WebhookSubscription } from '../../domain/webhooks/webhook-subscription';
import { CreateWebhookSubscriptionDto } from './create-webhook-subscription.dto';

interface SubscriptionResponse {
  id: string;
  url: string;
  events: string[];
  created_at: string;
  secret?: string;
}

function responseOf(subscription: WebhookSubscription, withSecret: boolean): SubscriptionResponse {
  return {
    id: subscription.id,
    url: subscription.url,
    events: [...subscription.events],
    created_at: subscription.createdAt.toISOString(),
    ...(withSecret ? { secret: subscription.secret } : {}),
  };
}

@Controller('v1/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(private readonly subscribeWebhook: SubscribeWebhookHandler) {}

  /** The secret is shown once, in this answer; receivers verify signatures with it. */
  @Post()
  @HttpCode(201)
  async create(@Body() body: CreateWebhookSubscriptionDto): Promise<SubscriptionResponse> {
    return responseOf(await this.subscribeWebhook.execute({ url: body.url, events: body.events }), true);
  }

  @Get()
  async list(): Promise<{ data: SubscriptionResponse[] }> {
    return { data: (await this.subscribeWebhook.list()).map((subscription) => responseOf(subscription, false)) };
  }
}
