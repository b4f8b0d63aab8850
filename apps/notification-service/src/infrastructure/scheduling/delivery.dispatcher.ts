import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import pLimit from 'p-limit';
import type { Histogram } from 'prom-client';
import { classifyFailure } from '@mb/messaging';
import { type Logger, ServiceMetrics } from '@mb/observability';
import { SERVICE_CONFIG, SERVICE_LOGGER } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import { type ClaimedDelivery, DispatchDeliveryHandler, type RecordedOutcome } from '../../application/dispatch-delivery/dispatch-delivery.handler';
import type { SendOutcome } from '../../application/ports/channels.port';

/**
 * How many claimed deliveries may wait in an instance per send slot (per endpoint, and in all)
 * before it takes no more. Generous: each delivery turned away costs a firing every
 * DEFERRED_CLAIM_MS, and with 16 a queue of 2,000 spent its time deferring (measured: 37/s).
 */
const WAITING_PER_SLOT = 64;
// Seconds from a delivery's creation to its send: the target is a p99 under 10 s at full load.
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
// Waits between tries to record a sent delivery's outcome while the database is away: from a
// quarter second, doubling, at most five seconds (well inside a lease, renewed meanwhile).
const RECORD_RETRY_FIRST_MS = 250;
const RECORD_RETRY_MAX_MS = 5_000;

/**
 * Sends claimed deliveries concurrently: at most DELIVERY_CONCURRENCY at once in all and
 * DELIVERY_CONCURRENCY_PER_ENDPOINT at once to one endpoint (a webhook host, the SMTP relay), so a
 * slow or dead receiver holds only its own slots and never delays other receivers or the emails.
 * A send waits for its endpoint's slot before it takes one of the shared ones.
 *
 * While deliveries are in hand (waiting or sending), their claims' leases are renewed every third
 * of DELIVERY_LEASE_MS, all in one statement; one whose lease was lost (the process froze past it,
 * and another instance took the delivery) is not sent, and its outcome not recorded. The wait is
 * bounded: past WAITING_PER_SLOT deliveries per slot, the instance claims no more for that endpoint
 * (their timers come back a little later), which leaves them to other instances.
 *
 * Once sent, a delivery's outcome is recorded come what may: a failure to record it (the database
 * restarting, every session cut) is retried with backoff while the delivery stays in hand, so its
 * lease goes on being renewed and no other instance sends it again. Only a lost claim (the lease
 * ran out and another instance took it), a permanent error, or the instance's end stops the tries.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly everyEndpoint: pLimit.Limit;
  private readonly byEndpoint = new Map<string, pLimit.Limit>();
  private readonly inHand = new Map<string, ClaimedDelivery>();
  private readonly inHandByEndpoint = new Map<string, number>();
  private readonly lostTokens = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly lagSeconds: Histogram<'channel'>;
  private renewal: NodeJS.Timeout | undefined;
  private stopping = false;
  private stopped = false;

  constructor(
    private readonly dispatchDelivery: DispatchDeliveryHandler,
    metrics: ServiceMetrics,
    @Inject(SERVICE_CONFIG)
    private readonly config: Pick<NotificationServiceConfig, 'DELIVERY_CONCURRENCY' | 'DELIVERY_CONCURRENCY_PER_ENDPOINT' | 'DELIVERY_LEASE_MS' | 'WEBHOOK_TIMEOUT_MS'>,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    this.everyEndpoint = pLimit(config.DELIVERY_CONCURRENCY);
    this.lagSeconds = metrics.histogram({
      name: 'mb_notification_delivery_lag_seconds',
      help: "Seconds from a delivery's creation to its successful send, by channel (email, webhook).",
      labelNames: ['channel'],
      buckets: LAG_BUCKETS,
    });
    // Both series from the start, so that a panel shows 0 rather than "No data" before the first send.
    for (const channel of ['email', 'webhook']) this.lagSeconds.zero({ channel });
  }

  onApplicationBootstrap(): void {
    this.renewal = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.config.DELIVERY_LEASE_MS / 3)));
    this.renewal.unref();
  }

  /** Whether this instance takes one more delivery for the endpoint now (passed to the claim). */
  readonly admits = (endpoint: string, deliveryId: string): boolean =>
    !this.stopping &&
    !this.inHand.has(deliveryId) &&
    this.inHand.size < this.config.DELIVERY_CONCURRENCY * WAITING_PER_SLOT &&
    (this.inHandByEndpoint.get(endpoint) ?? 0) < this.config.DELIVERY_CONCURRENCY_PER_ENDPOINT * WAITING_PER_SLOT;

  /** Queues a claimed delivery's send, once its claim has committed. */
  dispatch(claimed: ClaimedDelivery): void {
    const deliveryId = claimed.delivery.id;
    // Already in hand under an older claim: that send records its outcome (or finds its claim lost).
    if (this.inHand.has(deliveryId)) return;
    this.inHand.set(deliveryId, claimed);
    this.inHandByEndpoint.set(claimed.endpoint, (this.inHandByEndpoint.get(claimed.endpoint) ?? 0) + 1);
    const run = this.limitOf(claimed.endpoint)(() => this.everyEndpoint(() => this.attempt(claimed)))
      .catch((error: unknown) => this.logger.error({ err: error, deliveryId }, 'delivery attempt not recorded; its claim runs out and the delivery is taken again'))
      .finally(() => {
        this.inHand.delete(deliveryId);
        this.lostTokens.delete(claimed.token);
        const left = (this.inHandByEndpoint.get(claimed.endpoint) ?? 1) - 1;
        if (left === 0) {
          this.inHandByEndpoint.delete(claimed.endpoint);
          this.byEndpoint.delete(claimed.endpoint);
        } else this.inHandByEndpoint.set(claimed.endpoint, left);
        this.running.delete(run);
      });
    this.running.add(run);
  }

  /**
   * Takes no more, and lets the sends in flight finish (up to a webhook's timeout and a little):
   * those still waiting are left to their claims' lapse, after which any instance takes them.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const settled = Promise.allSettled([...this.running]);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.config.WEBHOOK_TIMEOUT_MS + 2_000);
    });
    await Promise.race([settled, deadline]);
    clearTimeout(timer);
    clearInterval(this.renewal);
    this.stopped = true;
  }

  private limitOf(endpoint: string): pLimit.Limit {
    let limit = this.byEndpoint.get(endpoint);
    if (!limit) {
      limit = pLimit(this.config.DELIVERY_CONCURRENCY_PER_ENDPOINT);
      this.byEndpoint.set(endpoint, limit);
    }
    return limit;
  }

  private async attempt(claimed: ClaimedDelivery): Promise<void> {
    // Lost while waiting, or the instance is stopping: another firing will take it.
    if (this.stopping || this.lostTokens.has(claimed.token)) return;
    const outcome = await this.dispatchDelivery.send(claimed);
    const recorded = await this.recordUntilDone(claimed, outcome);
    if (!recorded?.recorded) return;
    const { status, sentAt, createdAt, channel } = recorded.delivery;
    if (status === 'sent' && sentAt) this.lagSeconds.observe({ channel }, Math.max(0, (sentAt.getTime() - createdAt.getTime()) / 1000));
  }

  /**
   * Records the sent delivery's outcome, trying again after an infrastructure failure until it is
   * recorded or the claim is lost; undefined when the instance stopped first (its claim runs out).
   */
  private async recordUntilDone(claimed: ClaimedDelivery, outcome: SendOutcome): Promise<RecordedOutcome | undefined> {
    for (let waitMs = RECORD_RETRY_FIRST_MS, tries = 1; ; waitMs = Math.min(waitMs * 2, RECORD_RETRY_MAX_MS), tries += 1) {
      try {
        return await this.dispatchDelivery.recordOutcome(claimed, outcome);
      } catch (error) {
        if (classifyFailure(error) === 'permanent') throw error;
        if (this.stopped || this.lostTokens.has(claimed.token)) {
          this.logger.error({ err: error, deliveryId: claimed.delivery.id, tries }, 'sent delivery\'s outcome not recorded (claim lost or instance stopped); it may be sent again');
          return undefined;
        }
        this.logger.warn({ err: error, deliveryId: claimed.delivery.id, tries, retryInMs: waitMs }, 'sent delivery\'s outcome not recorded yet; retrying while its lease is renewed');
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  private async renewLeases(): Promise<void> {
    const claims = [...this.inHand.values()];
    if (claims.length === 0) return;
    try {
      const held = await this.dispatchDelivery.renewClaims(claims);
      for (const claimed of claims) {
        if (!held.has(claimed.token) && this.inHand.get(claimed.delivery.id)?.token === claimed.token) this.lostTokens.add(claimed.token);
      }
    } catch (error) {
      // The database is away: the leases run on, and the next renewal tries again.
      this.logger.warn({ err: error, claims: claims.length }, 'delivery leases not renewed');
    }
  }
}
