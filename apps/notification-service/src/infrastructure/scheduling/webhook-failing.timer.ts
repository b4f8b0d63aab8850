import { Injectable } from '@nestjs/common';
import type { FiredTimer, TimerHandler } from '@mb/platform';
import { WEBHOOK_FAILING_TIMER } from '../../application/dispatch-delivery/dispatch-delivery.handler';
import { DisableFailingWebhookHandler } from '../../application/disable-failing-webhook/disable-failing-webhook.handler';

/** A subscription's failing streak is three days old (the timer is keyed by its id): disable it if nothing was accepted since. */
@Injectable()
export class WebhookFailingTimer implements TimerHandler {
  readonly timer = WEBHOOK_FAILING_TIMER;

  constructor(private readonly disableFailingWebhook: DisableFailingWebhookHandler) {}

  async fire(fired: FiredTimer): Promise<void> {
    await this.disableFailingWebhook.execute({ subscriptionId: fired.key });
  }
}
