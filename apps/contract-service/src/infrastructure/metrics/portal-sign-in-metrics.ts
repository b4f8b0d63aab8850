import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { type Logger, ServiceMetrics } from '@mb/observability';
import { SERVICE_LOGGER } from '@mb/platform';
import { PortalSignInMonitor } from '../../application/ports/portal-sign-in-monitor.port';

/**
 * mb_portal_sign_in_links_not_sent_total{reason}: sign-in links asked for that no email carried,
 * `throttled` (past five to an address in fifteen minutes) or `send_failed` (the relay refused or
 * could not be reached). Links sent are not counted: /metrics is open, and a count moving after
 * one's own request would tell whether an address is a client's contact. Each is logged too,
 * with client ids, never the address or the link.
 *
 * mb_portal_sessions_purged_total: ended portal sessions the housekeeping deleted. Links it deleted
 * are logged, not counted, for the same reason sent links are not: a day after one's own request
 * for an address, a count of links purged would move only if the address were a client's.
 */
@Injectable()
export class PortalSignInMetrics extends PortalSignInMonitor implements OnModuleInit {
  private notSent?: Counter<'reason'>;
  private sessionsPurged?: Counter;

  constructor(
    private readonly metrics: ServiceMetrics,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  onModuleInit(): void {
    this.notSent = this.metrics.counter({
      name: 'mb_portal_sign_in_links_not_sent_total',
      help: 'Client portal sign-in links asked for that no email carried: throttled (more than 5 to one address in 15 minutes) or send_failed (SMTP).',
      labelNames: ['reason'],
      startsAtZeroFor: [{ reason: 'throttled' }, { reason: 'send_failed' }],
    });
    this.sessionsPurged = this.metrics.counter({
      name: 'mb_portal_sessions_purged_total',
      help: 'Ended client portal sessions (expired or revoked more than PORTAL_SESSION_RETENTION_DAYS ago) deleted by the hourly housekeeping.',
    });
  }

  throttled(refused: { readonly clientIds: readonly string[]; readonly issuedWithinWindow: number }): void {
    this.notSent?.inc({ reason: 'throttled' }, refused.clientIds.length);
    this.logger.warn({ clientIds: refused.clientIds, issuedWithinWindow: refused.issuedWithinWindow }, 'portal sign-in links held back: the address had its five links in fifteen minutes');
  }

  sendFailed(failure: { readonly linkId: string; readonly clientId: string; readonly reason: string }): void {
    this.notSent?.inc({ reason: 'send_failed' });
    this.logger.warn({ linkId: failure.linkId, clientId: failure.clientId, reason: failure.reason }, 'a portal sign-in email could not be sent; the person asks again');
  }

  purged(purged: { readonly signInLinks: number; readonly portalSessions: number }): void {
    this.sessionsPurged?.inc(purged.portalSessions);
    this.logger.info(purged, 'portal sign-in housekeeping: expired sign-in links and ended portal sessions deleted');
  }
}
