import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { aMailbox, injectAs, metricValue, parsePrometheusText, testAdminDatabaseUrl, testAuthEnvironment, testServiceEnvironment, type TestMailbox, uniqueName } from '@mb/testing';
import { Client } from 'pg';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { PORTAL_SIGN_IN_PURGE_CRON, PORTAL_SIGN_IN_PURGE_TIMER, PortalSignInPurgeTimer } from '../../src/infrastructure/scheduling/portal-sign-in-purge.timer';
import { eventually } from './contract-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PORTAL = 'http://127.0.0.1:3010';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Issue 15 follow-up: sign-in links and portal sessions do not pile up. GET /v1/api-keys tells
// sessions from keys and lists only usable ones by default; the hourly housekeeping deletes links a
// day after they expired and sessions PORTAL_SESSION_RETENTION_DAYS (30 here) after they ended,
// never a key an admin made. Real Postgres and SMTP; time moves with the service's test clock.
describe('contract-service: retention of portal sign-in links and sessions', () => {
  let service: BootstrappedService<unknown>;
  let mailbox: TestMailbox;

  beforeAll(async () => {
    mailbox = await aMailbox();
    service = await bootstrapService(contractServiceDefinition, {
      ...testServiceEnvironment('contract-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
      SMTP_URL: mailbox.url,
      PORTAL_PUBLIC_URL: PORTAL,
      PORTAL_SESSION_RETENTION_DAYS: '30',
    });
  });

  afterAll(async () => {
    await service?.close();
    await mailbox?.close();
  });

  async function asSuperuser<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: testAdminDatabaseUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const anAddress = () => `ap.${randomUUID().slice(0, 8)}@acme.example`;
  const withKey = (key: string, options: Json) => service.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${key}` } });
  const mailsTo = (address: string): ParsedMail[] => mailbox.mails.filter((mail) => [mail.to].flat().some((to) => to?.value.some((one) => one.address?.toLowerCase() === address.toLowerCase())));
  const now = () => service.runtime.clock.now().getTime();
  const travelTo = (instant: number) => service.runtime.clock.travelTo(new Date(instant));

  /** A new client whose AP contact asked for a sign-in link: its address and the link's token. */
  async function aLinkAskedFor(): Promise<{ address: string; token: string }> {
    const address = anAddress();
    const client = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ap_contact_email: address } });
    expect(client.statusCode).toBe(201);
    expect((await service.app.inject({ method: 'POST', url: '/v1/portal/sign-in-links', payload: { email: address } })).statusCode).toBe(202);
    const [mail] = await eventually(() => mailsTo(address), (mails) => mails.length === 1, `the sign-in email to ${address}`);
    const url = /(http:\/\/127\.0\.0\.1:3010\/sign-in\?token=\S+)/.exec(mail.text ?? '')?.[1];
    if (url === undefined) throw new Error(`no sign-in link in "${mail.text}"`);
    return { address, token: new URL(url).searchParams.get('token') as string };
  }

  /** A portal session opened with a new link: the session (id, token, expires_at) and the link's id. */
  async function aSession(): Promise<{ session: Json; linkId: string }> {
    const { token } = await aLinkAskedFor();
    const opened = await service.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { sign_in_token: token } });
    expect(opened.statusCode).toBe(201);
    return { session: opened.json(), linkId: linkIdOf(token) };
  }

  /** `mbl_psl_<ULID>_<secret>` → `psl_<ULID>`. */
  const linkIdOf = (token: string) => token.split('_').slice(1, 3).join('_');

  async function adminKey(name: string): Promise<Json> {
    const created = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys', payload: { name, role: 'service' } });
    expect(created.statusCode).toBe(201);
    return created.json();
  }

  async function listed(query = ''): Promise<Json[]> {
    const response = await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/api-keys${query}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }
  const idsIn = (keys: Json[], ...ids: string[]) => ids.filter((id) => keys.some((key) => key.id === id));

  const linksThere = (...ids: string[]) =>
    asSuperuser(async (client) => (await client.query('SELECT id FROM contract.portal_sign_in_links WHERE id = ANY($1) ORDER BY id', [ids])).rows.map((row) => row.id as string));
  const keysThere = (...ids: string[]) => asSuperuser(async (client) => (await client.query('SELECT id FROM contract.api_keys WHERE id = ANY($1) ORDER BY id', [ids])).rows.map((row) => row.id as string));
  const sorted = (...ids: string[]) => [...ids].sort();

  async function sessionsPurgedSoFar(): Promise<number> {
    const metrics = await service.app.inject({ method: 'GET', url: '/metrics' });
    return metricValue(parsePrometheusText(metrics.body), 'mb_portal_sessions_purged_total') ?? 0;
  }

  /** One run of the hourly housekeeping, as its timer fires it. */
  const housekeeping = () => service.app.get(PortalSignInPurgeTimer).fire();

  it('lists usable keys by default, each with its kind; ended ones with include_ended=true; one kind with kind=', async () => {
    // given a live session, a signed-out one, a key an admin made and one an admin revoked
    const live = (await aSession()).session;
    const signedOut = (await aSession()).session;
    expect((await withKey(signedOut.token, { method: 'POST', url: '/v1/portal/sessions/current/end' })).statusCode).toBe(204);
    const key = await adminKey('ERP nightly sync');
    const revoked = await adminKey('Old ERP');
    expect((await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/api-keys/${revoked.id}/revoke` })).statusCode).toBe(200);
    const ours = [live.id, signedOut.id, key.id, revoked.id];
    // then by default only the live session and the live key are listed, each saying what it is
    const usable = await listed();
    expect(idsIn(usable, ...ours)).toEqual([live.id, key.id]);
    expect(usable.find((one) => one.id === live.id)).toMatchObject({ kind: 'portal_session', role: 'client', expires_at: live.expires_at, revoked_at: null });
    expect(usable.find((one) => one.id === key.id)).toMatchObject({ kind: 'api_key', role: 'service', expires_at: null });
    // include_ended=true lists all four; kind= keeps one kind, combined with either
    expect(idsIn(await listed('?include_ended=true'), ...ours)).toEqual(ours);
    expect(idsIn(await listed('?include_ended=false'), ...ours)).toEqual([live.id, key.id]);
    expect(idsIn(await listed('?kind=portal_session&include_ended=true'), ...ours)).toEqual([live.id, signedOut.id]);
    expect(idsIn(await listed('?kind=api_key&include_ended=true'), ...ours)).toEqual([key.id, revoked.id]);
    expect(idsIn(await listed('?kind=api_key'), ...ours)).toEqual([key.id]);
    expect((await listed('?kind=portal_session&include_ended=true')).every((one) => one.kind === 'portal_session')).toBe(true);
    // and once the live session expires, it is listed only with include_ended=true
    travelTo(Date.parse(live.expires_at));
    expect(idsIn(await listed('?kind=portal_session'), ...ours)).toEqual([]);
    expect(idsIn(await listed('?kind=portal_session&include_ended=true'), ...ours)).toEqual([live.id, signedOut.id]);
  });

  it.each([
    ['?kind=session', 'kind'],
    ['?kind=', 'kind'],
    ['?include_ended=yes', 'include_ended'],
    ['?include_ended=1', 'include_ended'],
    ['?limit=5', 'limit'],
  ])('refuses GET /v1/api-keys%s with a 400 naming %s', async (query, field) => {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/api-keys${query}` });
    expect([response.statusCode, response.headers['content-type'], response.json().code]).toEqual([400, expect.stringContaining('application/problem+json'), 'request.invalid']);
    expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
  });

  it('schedules the housekeeping hourly with pg-boss, in the service schema', async () => {
    const schedules = await asSuperuser(async (client) => (await client.query('SELECT name, cron FROM contract.schedule WHERE name = $1', [PORTAL_SIGN_IN_PURGE_TIMER])).rows);
    expect(schedules).toEqual([{ name: PORTAL_SIGN_IN_PURGE_TIMER, cron: PORTAL_SIGN_IN_PURGE_CRON }]);
  });

  it('purges links a day after they expired and sessions thirty days after they ended; never a key an admin made, a live session or a recent one', async () => {
    // given, at T0: a link never used, a session signed out at once, a session left to expire (8 hours), a key an admin made and one revoked
    const unused = linkIdOf((await aLinkAskedFor()).token);
    const signedOut = await aSession();
    expect((await withKey(signedOut.session.token, { method: 'POST', url: '/v1/portal/sessions/current/end' })).statusCode).toBe(204);
    const expiring = await aSession();
    const key = await adminKey('Warehouse sync');
    const revoked = await adminKey('Retired sync');
    await injectAs(service.app, 'admin', { method: 'POST', url: `/v1/api-keys/${revoked.id}/revoke` });
    const t0 = now();
    const purgedBefore = await sessionsPurgedSoFar();

    // when the housekeeping runs a day after the links expired (15 minutes after T0), give or take a minute
    travelTo(t0 + 15 * 60_000 + DAY - 60_000);
    await housekeeping();
    // then not yet: a link is kept a full day after its expiry
    expect(await linksThere(unused, signedOut.linkId, expiring.linkId)).toEqual(sorted(unused, signedOut.linkId, expiring.linkId));
    travelTo(t0 + 15 * 60_000 + DAY + 60_000);
    const recent = await aSession();
    await housekeeping();
    // the three old links are gone, used or not; the link asked for just now stays
    expect(await linksThere(unused, signedOut.linkId, expiring.linkId, recent.linkId)).toEqual([recent.linkId]);
    // and the sessions they opened stay, without their link, still portal sessions, still listed as ended
    const sessions = await asSuperuser(
      async (client) => (await client.query('SELECT id, kind, sign_in_link_id FROM contract.api_keys WHERE id = ANY($1) ORDER BY id', [[signedOut.session.id, expiring.session.id]])).rows,
    );
    expect(sessions).toEqual([
      { id: signedOut.session.id, kind: 'portal_session', sign_in_link_id: null },
      { id: expiring.session.id, kind: 'portal_session', sign_in_link_id: null },
    ]);
    expect(idsIn(await listed('?kind=portal_session&include_ended=true'), signedOut.session.id, expiring.session.id)).toEqual([signedOut.session.id, expiring.session.id]);

    // when it runs thirty days and an hour after T0: the signed-out session ended thirty days ago, the expired one not quite
    travelTo(t0 + 30 * DAY + HOUR);
    await housekeeping();
    expect(await keysThere(signedOut.session.id, expiring.session.id, recent.session.id, key.id, revoked.id)).toEqual(sorted(expiring.session.id, recent.session.id, key.id, revoked.id));

    // when it runs thirty days after the other session expired (eight hours after T0), with a session opened just now
    travelTo(t0 + 30 * DAY + 9 * HOUR);
    const live = await aSession();
    await housekeeping();
    // then it goes too; the session that ended 29 days ago and the live one stay, and so do both keys an admin made
    expect(await keysThere(expiring.session.id, recent.session.id, live.session.id, key.id, revoked.id)).toEqual(sorted(recent.session.id, live.session.id, key.id, revoked.id));
    expect((await withKey(live.session.token, { method: 'GET', url: '/v1/api-keys/current' })).statusCode).toBe(200);
    // and the purged sessions were counted (other tests' old sessions may have gone with them)
    expect((await sessionsPurgedSoFar()) - purgedBefore).toBeGreaterThanOrEqual(2);

    // and ten years on, the keys an admin made, one revoked all that time, are still there; every session is gone
    travelTo(t0 + 3650 * DAY);
    await housekeeping();
    expect(await keysThere(key.id, revoked.id, recent.session.id, live.session.id)).toEqual(sorted(key.id, revoked.id));
  });
});
