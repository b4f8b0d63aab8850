import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Clock } from '@mb/kernel';
import { AccessPolicy, ApiIdempotencyKey, ApiIdParam, ApiProblems, type Caller, CurrentCaller, RequestRejection, SERVICE_CLOCK } from '@mb/platform';
import { DeleteWebhookSubscriptionHandler } from '../../application/delete-webhook-subscription/delete-webhook-subscription.handler';
import { PauseWebhookSubscriptionHandler } from '../../application/pause-webhook-subscription/pause-webhook-subscription.handler';
import { WebhookSubscriptionQueries } from '../../application/queries/webhook-subscription.queries';
import { MAX_EVENTS_PER_REPLAY, ReplayWebhookDeliveriesHandler } from '../../application/replay-webhook-deliveries/replay-webhook-deliveries.handler';
import { ResumeWebhookSubscriptionHandler } from '../../application/resume-webhook-subscription/resume-webhook-subscription.handler';
import { ReencryptWebhookSecretsHandler } from '../../application/reencrypt-webhook-secrets/reencrypt-webhook-secrets.handler';
import { RotateWebhookSecretHandler } from '../../application/rotate-webhook-secret/rotate-webhook-secret.handler';
import { SubscribeWebhookHandler } from '../../application/subscribe-webhook/subscribe-webhook.handler';
import { CreateWebhookSubscriptionDto } from './create-webhook-subscription.dto';
import { deliveryResponseOf } from './delivery.response';
import { ReplayWebhookDeliveriesDto } from './replay-webhook-deliveries.dto';
import {
  CreatedWebhookSubscriptionResponse,
  createdWebhookSubscriptionResponseOf,
  WebhookReplayResponse,
  WebhookSecretsReencryptedResponse,
  WebhookSubscriptionListResponse,
  WebhookSubscriptionResponse,
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
  // A client pauses, resumes, deletes and replays its own subscriptions only (others' are 404).
  pause: ['admin', 'service', 'client'],
  resume: ['admin', 'service', 'client'],
  remove: ['admin', 'service', 'client'],
  replay: ['admin', 'service', 'client'],
})
export class WebhookSubscriptionsController {
  constructor(
    private readonly subscribeWebhook: SubscribeWebhookHandler,
    private readonly rotateWebhookSecret: RotateWebhookSecretHandler,
    private readonly reencryptWebhookSecrets: ReencryptWebhookSecretsHandler,
    private readonly pauseSubscription: PauseWebhookSubscriptionHandler,
    private readonly resumeSubscription: ResumeWebhookSubscriptionHandler,
    private readonly deleteSubscription: DeleteWebhookSubscriptionHandler,
    private readonly replayDeliveries: ReplayWebhookDeliveriesHandler,
    private readonly subscriptions: WebhookSubscriptionQueries,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
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
      'webhook_subscription.not_subscribable',
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
    const created = await this.subscribeWebhook.execute({ url: body.url, events: body.events, clientId, ownerEmail: body.owner_email ?? null });
    return createdWebhookSubscriptionResponseOf(created, this.clock.now());
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

  /** A new secret, shown once in this answer; the old one keeps signing beside it for 24 hours. */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: 'Issue a new signing secret for a subscription',
    description:
      'For 24 hours every delivery, retries of earlier events included, carries two signatures in `webhook-signature` (space-separated, as Standard Webhooks allows): one with the new secret, one with the old, so a receiver with either accepts it and can switch when it likes. After that, the new secret only. A second rotation within the 24 hours ends the first overlap: two secrets sign at most.',
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiOkResponse({ type: CreatedWebhookSubscriptionResponse, description: 'The subscription, with its new secret (shown this once) and until when the old one signs too.' })
  @ApiProblems({ 404: ['webhook_subscription.not_found'] })
  @ApiIdempotencyKey({ neverStored: ['secret'] })
  async rotateSecret(@Param('id') id: string): Promise<CreatedWebhookSubscriptionResponse> {
    return createdWebhookSubscriptionResponseOf(await this.rotateWebhookSecret.execute({ subscriptionId: id }), this.clock.now());
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'pauseWebhookSubscription',
    summary: 'Pause a subscription',
    description:
      'Deliveries are held, not sent and not lost: those planned while it is paused, and pending ones whose attempt comes due meanwhile, go out when it resumes (a retry window still counts from its first attempt). Pausing a paused subscription changes nothing.',
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiOkResponse({ type: WebhookSubscriptionResponse, description: 'The subscription, paused.' })
  @ApiProblems({ 404: ['webhook_subscription.not_found'], 409: ['webhook_subscription.cannot_pause'] })
  @ApiIdempotencyKey()
  async pause(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<WebhookSubscriptionResponse> {
    return webhookSubscriptionResponseOf(await this.pauseSubscription.execute({ subscriptionId: id, callerClientId: caller.clientId }), this.clock.now());
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'resumeWebhookSubscription',
    summary: 'Resume a paused or disabled subscription',
    description:
      "A paused subscription's held deliveries go out at once. A disabled one is enabled again with a fresh failure count (its cancelled deliveries stay cancelled: replay the range it missed). Resuming an active subscription changes nothing.",
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiOkResponse({ type: WebhookSubscriptionResponse, description: 'The subscription, active.' })
  @ApiProblems({ 404: ['webhook_subscription.not_found'] })
  @ApiIdempotencyKey()
  async resume(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<WebhookSubscriptionResponse> {
    return webhookSubscriptionResponseOf(await this.resumeSubscription.execute({ subscriptionId: id, callerClientId: caller.clientId }), this.clock.now());
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'deleteWebhookSubscription',
    summary: 'Delete a subscription',
    description:
      'No delivery is made for it any more; its pending and held deliveries are cancelled. Its record is kept for the delivery log (deliveries name it) but no longer listed; a deleted subscription is not found.',
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiOkResponse({ type: WebhookSubscriptionResponse, description: 'The subscription as it was deleted (status deleted), the last time it is shown.' })
  @ApiProblems({ 404: ['webhook_subscription.not_found'] })
  async remove(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<WebhookSubscriptionResponse> {
    return webhookSubscriptionResponseOf(await this.deleteSubscription.execute({ subscriptionId: id, callerClientId: caller.clientId }), this.clock.now());
  }

  @Post(':id/replays')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'replayWebhookDeliveries',
    summary: 'Send events to a subscription again',
    description: `Either \`delivery_id\` (one of the subscription's deliveries: its event is sent again) or \`from\` and \`to\` (every event the subscription was sent, or was to be sent, created in [from, to), of \`event_types\` when given; at most ${MAX_EVENTS_PER_REPLAY}, a larger range is refused). Each event becomes a new delivery with \`replay_of\` and \`replay_reason\`: the very body sent before, to the subscription's URL now, signed afresh, with the same \`webhook-id\` (the event id) so a receiver that has it already drops it. A paused subscription's replays are held until it resumes; a disabled one must be resumed first.`,
  })
  @ApiIdParam('id', 'whs', 'The subscription')
  @ApiCreatedResponse({ type: WebhookReplayResponse, description: 'The new deliveries; none when the range holds no event.' })
  @ApiProblems({
    400: ['request.invalid'],
    404: ['webhook_subscription.not_found', 'webhook_replay.delivery_not_found'],
    409: ['webhook_subscription.disabled'],
    422: ['webhook_replay.delivery_or_range', 'webhook_replay.empty_range', 'webhook_replay.too_many_events'],
  })
  @ApiIdempotencyKey()
  async replay(@Param('id') id: string, @Body() body: ReplayWebhookDeliveriesDto, @CurrentCaller() caller: Caller): Promise<WebhookReplayResponse> {
    const byRange = body.from !== undefined || body.to !== undefined || body.event_types !== undefined;
    if ((body.delivery_id === undefined) === !byRange || (byRange && (body.from === undefined || body.to === undefined))) {
      throw new RequestRejection(422, 'webhook_replay.delivery_or_range', 'replay either one delivery (delivery_id) or a range of events (from and to, event_types optionally)', [
        { field: body.delivery_id === undefined ? (body.from === undefined ? 'from' : 'to') : 'delivery_id', rule: 'webhook_replay.delivery_or_range', message: 'give delivery_id, or from and to, not both' },
      ]);
    }
    const common = { subscriptionId: id, callerClientId: caller.clientId, reason: body.reason ?? null };
    const replays = await this.replayDeliveries.execute(
      body.delivery_id !== undefined
        ? { ...common, deliveryId: body.delivery_id }
        : { ...common, range: { from: new Date(body.from as string), to: new Date(body.to as string), eventTypes: body.event_types ?? [] } },
    );
    return { data: replays.map((delivery) => deliveryResponseOf(delivery, [])) };
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhookSubscriptions', summary: 'List the webhook subscriptions', description: 'Without their secrets.' })
  @ApiOkResponse({ type: WebhookSubscriptionListResponse, description: "Every subscription; a client's own only, for a client." })
  async list(@CurrentCaller() caller: Caller): Promise<WebhookSubscriptionListResponse> {
    const subscriptions = await this.subscriptions.list();
    const now = this.clock.now();
    return {
      data: subscriptions
        .filter((subscription) => caller.clientId === null || subscription.clientId === caller.clientId)
        .map((subscription) => webhookSubscriptionResponseOf(subscription, now)),
    };
  }
}
