import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, RequestRejection } from '@mb/platform';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { ReencryptWebhookSecretsHandler } from '../../application/reencrypt-webhook-secrets/reencrypt-webhook-secrets.handler';
import { RotateWebhookSecretHandler } from '../../application/rotate-webhook-secret/rotate-webhook-secret.handler';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { CreateWebhookSubscriptionDto } from './create-webhook-subscription.dto';
import {
  CreatedWebhookSubscriptionResponse,
  createdWebhookSubscriptionResponseOf,
  WebhookSecretsReencryptedResponse,
  WebhookSubscriptionListResponse,
  webhookSubscriptionResponseOf,
} from './webhook-subscription.response';

@Controller('v1/webhook-subscriptions')
@AccessPolicy<WebhookSubscriptionsController>({
  create: ['admin', 'service', 'client'],
  list: ['admin', 'service', 'auditor', 'client'],
  // Key rotation is an operator's act; a subscription's secret is its owner system's (a client's
  // own subscription is rotated by the company on its behalf until rotation is client-scoped).
  reencryptSecrets: ['admin'],
  rotateSecret: ['admin', 'service'],
})
export class WebhookSubscriptionsController {
  constructor(
    private readonly subscribeWebhook: SubscribeWebhookHandler,
    private readonly rotateWebhookSecret: RotateWebhookSecretHandler,
    private readonly reencryptWebhookSecrets: ReencryptWebhookSecretsHandler,
    private readonly subscriptions: WebhookSubscriptionQueries,
  ) {}

  /** The secret is shown once, in this answer; receivers verify signatures with it. */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createWebhookSubscription',
    summary: 'Subscribe a URL to events',
    description:
      "Deliveries are signed as Standard Webhooks describe, with the secret returned here. The URL must be https, and its host must not be or resolve to a loopback, private, link-local, CGNAT, metadata, unspecified, multicast or reserved address (checked now and again at every delivery's connection).",
  })
  @ApiCreatedResponse({ type: CreatedWebhookSubscriptionResponse, description: 'The subscription, with its secret (shown this once).' })
  @ApiProblems({
    400: ['request.invalid'],
    422: [
      'webhook_subscription.invalid_url',
      'webhook_subscription.https_required',
      'webhook_subscription.destination_refused',
      'webhook_subscription.unresolvable_host',
      'webhook_subscription.no_events',
      'webhook_subscription.unknown_event',
      'webhook_subscription.other_client',
    ],
  })
  @ApiIdempotencyKey({ neverStored: ['secret'] })
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

  /** Re-encrypts the stored secrets under the current key (key rotation); the secrets stay the same. */
  @Post('re-encrypt-secrets')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'reencryptWebhookSecrets',
    summary: 'Re-encrypt the signing secrets under the current key',
    description:
      'After a new key is put first in WEBHOOK_SECRET_KEYS: every secret an older key encrypted is encrypted again with the new one, so the older key can be removed. Secrets themselves do not change; receivers notice nothing.',
  })
  @ApiOkResponse({ type: WebhookSecretsReencryptedResponse, description: 'How many secrets were re-encrypted, and under which key.' })
  @ApiIdempotencyKey()
  async reencryptSecrets(): Promise<WebhookSecretsReencryptedResponse> {
    const { reencrypted, keyId } = await this.reencryptWebhookSecrets.execute();
    return { reencrypted, key_id: keyId };
  }

  /** A new secret, shown once in this answer; the old one signs nothing from now on. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: "Issue a new signing secret for a subscription",
    description: 'Every delivery sent from now on, retries of earlier events included, is signed with the new secret only; the old one stops verifying at once.',
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiOkResponse({ type: CreatedWebhookSubscriptionResponse, description: 'The subscription, with its new secret (shown this once).' })
  @ApiProblems({ 404: ['webhook_subscription.not_found'] })
  @ApiIdempotencyKey({ neverStored: ['secret'] })
  async rotateSecret(@Param('id') id: string): Promise<CreatedWebhookSubscriptionResponse> {
    return createdWebhookSubscriptionResponseOf(await this.rotateWebhookSecret.execute({ subscriptionId: id }));
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhookSubscriptions', summary: 'List the webhook subscriptions', description: 'Without their secrets.' })
  @ApiOkResponse({ type: WebhookSubscriptionListResponse, description: "Every subscription; a client's own only, for a client." })
  async list(@CurrentCaller() caller: Caller): Promise<WebhookSubscriptionListResponse> {
    const subscriptions = await this.subscriptions.list();
    return { data: subscriptions.filter((subscription) => caller.clientId === null || subscription.clientId === caller.clientId).map(webhookSubscriptionResponseOf) };
  }
}
