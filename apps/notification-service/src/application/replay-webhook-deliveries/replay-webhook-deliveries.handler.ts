import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, newId, Timers, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { Delivery, type DeliverySnapshot, type WebhookContent } from '../../domain/delivery/delivery';
import { DELIVERY_DUE_TIMER } from '../dispatch-delivery/dispatch-delivery.handler';
import { DeliveryRepository } from '../ports/delivery.repository';
import { lockOwnedSubscription, WebhookSubscriptionRepository } from '../ports/webhook-subscription.repository';

/** The most events one replay sends again: a larger range is refused, to be split (receivers and our queue both stay paced). */
export const MAX_EVENTS_PER_REPLAY = 100;

export type ReplayWebhookDeliveries = {
  readonly subscriptionId: string;
  /** The client of a client caller, who replays to its own subscriptions only; null for staff. */
  readonly callerClientId: string | null;
  /** Why, as the requester says (kept on each new delivery); null: none given. */
  readonly reason: string | null;
} & ({ readonly deliveryId: string } | { readonly range: { readonly from: Date; readonly to: Date; readonly eventTypes: readonly string[] } });

/**
 * Sends events to a subscription again: the event of one of its deliveries, or every event of a
 * range (by the events' created_at, optionally of some types) it was sent or was to be sent, at
 * most MAX_EVENTS_PER_REPLAY. Each becomes a new delivery, `replay_of` the one it repeats, with the
 * very body stored then (the envelope as received) to the subscription's URL now, signed afresh
 * when sent, and with the same webhook-id (the event id): Standard Webhooks' id of the message, by
 * which a receiver that already has it drops it. A paused subscription's replays are held until it
 * resumes; a disabled one is resumed first.
 */
@Injectable()
export class ReplayWebhookDeliveriesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly timers: Timers,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ReplayWebhookDeliveries): Promise<DeliverySnapshot[]> {
    return this.unitOfWork.run(async () => {
      const subscription = await lockOwnedSubscription(this.subscriptions, command.subscriptionId, command.callerClientId);
      if (subscription.status === 'disabled') {
        throw new DomainRejection('conflict', 'webhook_subscription.disabled', `webhook subscription ${subscription.id} is disabled: resume it, then replay`);
      }
      const originals = 'deliveryId' in command ? [await this.deliveryToReplay(command.subscriptionId, command.deliveryId)] : await this.deliveriesInRange(command.subscriptionId, command.range);
      const now = this.clock.now();
      const replays: DeliverySnapshot[] = [];
      for (const original of originals) {
        const sent = original.snapshot();
        const replay = Delivery.plan({
          id: newId('dlv'),
          eventId: sent.eventId,
          eventName: sent.eventName,
          clientId: sent.clientId,
          channel: 'webhook',
          recipient: subscription.url,
          payload: { subscriptionId: subscription.id, body: (sent.payload as WebhookContent).body },
          now,
          held: subscription.holdsDeliveries,
          replayOf: sent.id,
          replayReason: command.reason,
        });
        await this.deliveries.planOnce(replay);
        if (!subscription.holdsDeliveries) await this.timers.schedule(DELIVERY_DUE_TIMER, replay.id, now);
        replays.push(replay.snapshot());
      }
      return replays;
    });
  }

  private async deliveryToReplay(subscriptionId: string, deliveryId: string): Promise<Delivery> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.subscriptionId !== subscriptionId) {
      throw new DomainRejection('not_found', 'webhook_replay.delivery_not_found', `subscription ${subscriptionId} has no delivery ${deliveryId}`, 'delivery_id');
    }
    return delivery;
  }

  private async deliveriesInRange(subscriptionId: string, range: { from: Date; to: Date; eventTypes: readonly string[] }): Promise<Delivery[]> {
    if (range.from.getTime() >= range.to.getTime()) throw new DomainRejection('invalid', 'webhook_replay.empty_range', 'from must be before to', 'to');
    const found = await this.deliveries.firstDeliveriesInRange(subscriptionId, range, MAX_EVENTS_PER_REPLAY + 1);
    if (found.length > MAX_EVENTS_PER_REPLAY) {
      throw new DomainRejection('invalid', 'webhook_replay.too_many_events', `the range holds more than ${MAX_EVENTS_PER_REPLAY} events: replay it in smaller ranges`, 'from');
    }
    return found;
  }
}
