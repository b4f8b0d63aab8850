import { DetachedWork } from '@mb/platform';
import { InMemoryUnitOfWork } from '@mb/testing';
import { InMemoryClientRepository } from '../../../test/fakes/in-memory-client.repository';
import { Client } from '../../domain/client/client';
import type { SignInLink } from '../../domain/portal-sign-in/sign-in-link';
import { PortalSignInMonitor } from '../ports/portal-sign-in-monitor.port';
import { SignInLinkRepository } from '../ports/sign-in-link.repository';
import { type SignInEmailOutcome, type SignInLinkEmail, SignInLinkEmailChannel } from '../ports/sign-in-link-email.port';
import { RequestSignInLinkHandler, signInUrl } from './request-sign-in-link.handler';

const NOW = new Date('2026-12-04T20:00:00Z');

class KeptLinks extends SignInLinkRepository {
  readonly links: SignInLink[] = [];
  readonly held: string[] = [];
  async add(link: SignInLink): Promise<void> {
    this.links.push(link);
  }
  async findById(id: string): Promise<SignInLink | null> {
    return this.links.find((link) => link.id === id) ?? null;
  }
  async holdAddress(email: string): Promise<void> {
    this.held.push(email);
  }
  async countIssuedTo(email: string, since: Date): Promise<number> {
    return this.links.filter((link) => link.snapshot().email === email && link.snapshot().createdAt >= since).length;
  }
  async saveRedemption(): Promise<boolean> {
    return true;
  }
}

class Outbox extends SignInLinkEmailChannel {
  readonly sent: SignInLinkEmail[] = [];
  refuseWith: string | null = null;
  async send(email: SignInLinkEmail): Promise<SignInEmailOutcome> {
    if (this.refuseWith !== null) return { sent: false, reason: this.refuseWith };
    this.sent.push(email);
    return { sent: true };
  }
}

class Reports extends PortalSignInMonitor {
  readonly reported: unknown[] = [];
  throttled(refused: unknown): void {
    this.reported.push({ throttled: refused });
  }
  sendFailed(failure: unknown): void {
    this.reported.push({ sendFailed: failure });
  }
  purged(purged: unknown): void {
    this.reported.push({ purged });
  }
}

/** Detached work kept until the test runs it: the request returns without it. */
class HeldWork extends DetachedWork {
  readonly held: (() => Promise<void>)[] = [];
  start(_name: string, work: () => Promise<void>): void {
    this.held.push(work);
  }
}

async function aSetting(portal: string | null = 'https://portal.acme.example/billing') {
  const clients = new InMemoryClientRepository();
  const acme = Client.register({ name: 'Acme Corp', apContactEmail: 'ap@acme.example', timeZone: 'UTC' }, NOW);
  const globex = Client.register({ name: 'Globex', apContactEmail: 'finance@globex.example', approverEmail: 'AP@acme.example', timeZone: 'UTC', language: 'de' }, NOW);
  await clients.add(acme);
  await clients.add(globex);
  const links = new KeptLinks();
  const outbox = new Outbox();
  const reports = new Reports();
  const work = new HeldWork();
  const handler = new RequestSignInLinkHandler(new InMemoryUnitOfWork(), clients, links, outbox, reports, work, { now: () => NOW }, {
    PORTAL_PUBLIC_URL: portal === null ? undefined : new URL(portal),
    PORTAL_SIGN_IN_LINK_TTL_SECONDS: 900,
  });
  return { handler, links, outbox, reports, work, acme, globex };
}

describe('RequestSignInLinkHandler', () => {
  it('accepts the request without doing anything in it: the work is detached', async () => {
    const { handler, links, outbox, work } = await aSetting();
    handler.accept({ email: 'ap@acme.example' });
    expect([links.links.length, outbox.sent.length, work.held.length]).toEqual([0, 0, 1]);
    await work.held[0]();
    expect([links.links.length, outbox.sent.length]).toEqual([2, 2]);
  });

  it('refuses with 503 when no portal is configured, and starts nothing', async () => {
    const { handler, work } = await aSetting(null);
    expect(() => handler.accept({ email: 'ap@acme.example' })).toThrow(expect.objectContaining({ status: 503, code: 'portal.sign_in_unavailable' }));
    expect(work.held).toEqual([]);
  });

  it("sends one link per client, to the client's own spelling of the address, in its language, under the portal's path", async () => {
    const { handler, outbox, acme, globex } = await aSetting();
    expect(await handler.issueAndSend({ email: ' Ap@Acme.example ' })).toEqual({ sent: 2, throttled: 0, failed: 0 });
    expect(outbox.sent).toEqual([
      expect.objectContaining({ to: 'ap@acme.example', clientName: acme.name, language: 'en', validForSeconds: 900 }),
      expect.objectContaining({ to: 'AP@acme.example', clientName: globex.name, language: 'de', validForSeconds: 900 }),
    ]);
    expect(outbox.sent[0].url).toMatch(/^https:\/\/portal\.acme\.example\/billing\/sign-in\?token=mbl_psl_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/);
  });

  it('sends nothing to an address no client has', async () => {
    const { handler, links, outbox, reports } = await aSetting();
    expect(await handler.issueAndSend({ email: 'nobody@acme.example' })).toEqual({ sent: 0, throttled: 0, failed: 0 });
    expect([links.links, outbox.sent, reports.reported]).toEqual([[], [], []]);
  });

  it('holds back the links past five to an address in fifteen minutes, and reports them', async () => {
    const { handler, outbox, reports, globex } = await aSetting();
    await handler.issueAndSend({ email: 'ap@acme.example' });
    await handler.issueAndSend({ email: 'ap@acme.example' });
    expect(await handler.issueAndSend({ email: 'ap@acme.example' })).toEqual({ sent: 1, throttled: 1, failed: 0 });
    expect(outbox.sent).toHaveLength(5);
    expect(reports.reported).toEqual([{ throttled: { clientIds: [globex.id], issuedWithinWindow: 4 } }]);
  });

  it('reports an email the relay did not take, and keeps the link (the person asks again)', async () => {
    const { handler, links, outbox, reports } = await aSetting();
    outbox.refuseWith = 'connection_refused';
    expect(await handler.issueAndSend({ email: 'ap@acme.example' })).toEqual({ sent: 0, throttled: 0, failed: 2 });
    expect(links.links).toHaveLength(2);
    expect(reports.reported).toEqual([
      { sendFailed: { linkId: links.links[0].id, clientId: links.links[0].snapshot().clientId, reason: 'connection_refused' } },
      { sendFailed: { linkId: links.links[1].id, clientId: links.links[1].snapshot().clientId, reason: 'connection_refused' } },
    ]);
  });
});

describe('signInUrl', () => {
  it.each([
    ['http://127.0.0.1:3010', 'http://127.0.0.1:3010/sign-in?token=mbl_x'],
    ['https://portal.acme.example/billing/', 'https://portal.acme.example/billing/sign-in?token=mbl_x'],
  ])('puts the token under %s', (base, url) => {
    expect(signInUrl(new URL(base), 'mbl_x')).toBe(url);
  });
});
