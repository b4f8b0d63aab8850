import type { Clock } from '@mb/kernel';
import { PortalSignInMonitor } from '../ports/portal-sign-in-monitor.port';
import { SignInHousekeeping } from '../ports/sign-in-housekeeping.port';
import { PURGE_BATCH_SIZE, PurgePortalSignInsHandler } from './purge-portal-sign-ins.handler';

const NOW = new Date('2026-12-05T12:00:00Z');
const DAY = 24 * 3_600_000;

/** Rows waiting to be purged, by the instant they expired or ended; each call deletes up to `limit` of those before the cutoff. */
class Backlog extends SignInHousekeeping {
  readonly calls: { table: string; cutoff: Date; limit: number }[] = [];
  constructor(
    private links: Date[],
    private sessions: Date[],
  ) {
    super();
  }
  async deleteSignInLinksExpiredBefore(cutoff: Date, limit: number): Promise<number> {
    this.calls.push({ table: 'links', cutoff, limit });
    const { kept, deleted } = take(this.links, cutoff, limit);
    this.links = kept;
    return deleted;
  }
  async deletePortalSessionsEndedBefore(cutoff: Date, limit: number): Promise<number> {
    this.calls.push({ table: 'sessions', cutoff, limit });
    const { kept, deleted } = take(this.sessions, cutoff, limit);
    this.sessions = kept;
    return deleted;
  }
  get left(): { links: number; sessions: number } {
    return { links: this.links.length, sessions: this.sessions.length };
  }
}

function take(rows: Date[], cutoff: Date, limit: number): { kept: Date[]; deleted: number } {
  const due = rows.filter((at) => at < cutoff).slice(0, limit);
  return { kept: rows.filter((at) => !due.includes(at)), deleted: due.length };
}

class Reports extends PortalSignInMonitor {
  readonly purges: unknown[] = [];
  throttled(): void {
    throw new Error('the housekeeping throttles nothing');
  }
  sendFailed(): void {
    throw new Error('the housekeeping sends nothing');
  }
  purged(purged: unknown): void {
    this.purges.push(purged);
  }
}

const clock: Clock = { now: () => NOW };
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const many = (count: number, at: (index: number) => Date) => Array.from({ length: count }, (_, index) => at(index));

describe('PurgePortalSignInsHandler', () => {
  it('deletes links expired over a day ago and sessions ended over the retention ago, in batches, until none is left', async () => {
    // given 2,500 links that expired two days ago and 3 an hour ago; 1,000 sessions ended 31 days ago and 2 ended 29 days ago
    const backlog = new Backlog([...many(2500, (i) => ago(2 * DAY + i)), ...many(3, (i) => ago(3_600_000 + i))], [...many(1000, (i) => ago(31 * DAY + i)), ...many(2, (i) => ago(29 * DAY + i))]);
    const reports = new Reports();
    // when the housekeeping runs with sessions kept 30 days
    const purged = await new PurgePortalSignInsHandler(backlog, reports, clock, { PORTAL_SESSION_RETENTION_DAYS: 30 }).execute();
    // then the old ones are gone, the recent ones stay, and the counts are reported
    expect(purged).toEqual({ signInLinks: 2500, portalSessions: 1000 });
    expect(backlog.left).toEqual({ links: 3, sessions: 2 });
    expect(reports.purges).toEqual([{ signInLinks: 2500, portalSessions: 1000 }]);
    // sessions first, a full batch asks for another; every statement capped at the batch size, with the same cutoffs
    expect(backlog.calls.map((call) => [call.table, call.limit])).toEqual([
      ['sessions', PURGE_BATCH_SIZE],
      ['sessions', PURGE_BATCH_SIZE],
      ['links', PURGE_BATCH_SIZE],
      ['links', PURGE_BATCH_SIZE],
      ['links', PURGE_BATCH_SIZE],
    ]);
    expect(new Set(backlog.calls.filter((call) => call.table === 'links').map((call) => call.cutoff.getTime()))).toEqual(new Set([ago(DAY).getTime()]));
    expect(new Set(backlog.calls.filter((call) => call.table === 'sessions').map((call) => call.cutoff.getTime()))).toEqual(new Set([ago(30 * DAY).getTime()]));
  });

  it('reports a run that found nothing, after one statement per table', async () => {
    const backlog = new Backlog([], []);
    const reports = new Reports();
    expect(await new PurgePortalSignInsHandler(backlog, reports, clock, { PORTAL_SESSION_RETENTION_DAYS: 7 }).execute()).toEqual({ signInLinks: 0, portalSessions: 0 });
    expect(backlog.calls).toHaveLength(2);
    expect(reports.purges).toEqual([{ signInLinks: 0, portalSessions: 0 }]);
  });
});
