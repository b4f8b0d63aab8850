import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PgBossTimers, type TimerHandler } from '@mb/platform';
import { PurgePortalSignInsHandler } from '../../application/purge-portal-sign-ins/purge-portal-sign-ins.handler';

/** The recurring timer of the client portal's sign-in housekeeping. */
export const PORTAL_SIGN_IN_PURGE_TIMER = 'contract.portal_sign_in_purge';
/** Hourly (UTC), off the hour and away from the idempotency keys' purge (minute 17). */
export const PORTAL_SIGN_IN_PURGE_CRON = '41 * * * *';

/**
 * Purges expired sign-in links and ended portal sessions every hour, once across all instances
 * (pg-boss keeps the schedule in the service's schema, as for the platform's idempotency purge).
 * Nothing else sets this timer: it is scheduled here when the application starts.
 */
@Injectable()
export class PortalSignInPurgeTimer implements TimerHandler, OnApplicationBootstrap {
  readonly timer = PORTAL_SIGN_IN_PURGE_TIMER;

  constructor(
    private readonly purge: PurgePortalSignInsHandler,
    private readonly timers: PgBossTimers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.timers.repeat(PORTAL_SIGN_IN_PURGE_TIMER, PORTAL_SIGN_IN_PURGE_CRON);
  }

  async fire(): Promise<void> {
    await this.purge.execute();
  }
}
