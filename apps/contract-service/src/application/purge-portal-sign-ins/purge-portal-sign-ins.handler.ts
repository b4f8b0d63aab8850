import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@mb/kernel';
import { SERVICE_CLOCK, SERVICE_CONFIG } from '@mb/platform';
import type { ContractServiceConfig } from '../../config';
import { SignInRetentionPolicy } from '../../domain/portal-sign-in/sign-in-retention.policy';
import { PortalSignInMonitor } from '../ports/portal-sign-in-monitor.port';
import { SignInHousekeeping } from '../ports/sign-in-housekeeping.port';

/** Rows deleted per statement: small enough that one statement's locks and WAL stay short. */
export const PURGE_BATCH_SIZE = 1000;

export interface PortalSignInsPurged {
  readonly signInLinks: number;
  readonly portalSessions: number;
}

/**
 * The client portal's sign-in housekeeping (run hourly by a recurring timer): sign-in links a day
 * after they expired, portal sessions PORTAL_SESSION_RETENTION_DAYS after they ended, batch after
 * batch until none is left. Sessions first, so their links, deleted next, have fewer sessions to
 * let go of. The cutoffs are taken once, from the service clock, so a run ends however fast rows
 * come due meanwhile.
 */
@Injectable()
export class PurgePortalSignInsHandler {
  private readonly policy: SignInRetentionPolicy;

  constructor(
    private readonly housekeeping: SignInHousekeeping,
    private readonly monitor: PortalSignInMonitor,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: Pick<ContractServiceConfig, 'PORTAL_SESSION_RETENTION_DAYS'>,
  ) {
    this.policy = new SignInRetentionPolicy(config.PORTAL_SESSION_RETENTION_DAYS);
  }

  async execute(): Promise<PortalSignInsPurged> {
    const cutoffs = this.policy.cutoffsAt(this.clock.now());
    const portalSessions = await this.inBatches((limit) => this.housekeeping.deletePortalSessionsEndedBefore(cutoffs.portalSessionsEndedBefore, limit));
    const signInLinks = await this.inBatches((limit) => this.housekeeping.deleteSignInLinksExpiredBefore(cutoffs.signInLinksExpiredBefore, limit));
    const purged = { signInLinks, portalSessions };
    this.monitor.purged(purged);
    return purged;
  }

  private async inBatches(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch(PURGE_BATCH_SIZE);
      total += deleted;
      // A short batch was the last: what remains came due after the cutoff, for the next run.
      if (deleted < PURGE_BATCH_SIZE) return total;
    }
  }
}
