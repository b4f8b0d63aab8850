import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { aMailbox, injectAs, metricValue, parsePrometheusText, testAdminDatabaseUrl, testAuthEnvironment, testServiceEnvironment, type TestMailbox, uniqueName } from '@mb/testing';
import { Client } from 'pg';
import { contractServiceDefinition } from '../../src/contract-service.definition';
import { eventually, referenceMilestones } from './contract-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PORTAL = 'http://127.0.0.1:3010';

// Issue 15 "Sign-in": a client contact asks for a magic link by email (open to anyone, always 202,
// answered before anything is looked up), redeems it once for a portal session (a client-role API
// key that expires), sees only its client's data with it, and signs out. Real Postgres and a real
// SMTP server (the test's mailbox) throughout.
describe('contract-service: client portal sign-in', () => {
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

  /** An address no other test uses. */
  const anAddress = (who = 'ap') => `${who}.${randomUUID().slice(0, 8)}@acme.example`;

  async function registerClient(payload: Json): Promise<Json> {
    const response = await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/clients', payload: { name: uniqueName('Acme Corp'), ...payload } });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  const askForLink = (email: string, headers: Json = {}) => service.app.inject({ method: 'POST', url: '/v1/portal/sign-in-links', payload: { email }, headers });
  const openSession = (token: string, headers: Json = {}) => service.app.inject({ method: 'POST', url: '/v1/portal/sessions', payload: { sign_in_token: token }, headers });
  const withKey = (key: string, options: Json) => service.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${key}` } });

  /** The mails to an address, in any case (a relay may lower the domain's, the mailbox's is the sender's). */
  const mailsTo = (address: string): ParsedMail[] => mailbox.mails.filter((mail) => [mail.to].flat().some((to) => to?.value.some((one) => one.address?.toLowerCase() === address.toLowerCase())));

  /** The sign-in token in an email's link. */
  function tokenIn(mail: ParsedMail): string {
    const url = /(http:\/\/127\.0\.0\.1:3010\/sign-in\?token=\S+)/.exec(mail.text ?? '')?.[1];
    if (url === undefined) throw new Error(`no sign-in link in "${mail.text}"`);
    return new URL(url).searchParams.get('token') as string;
  }

  async function linksTo(address: string): Promise<number> {
    return asSuperuser(async (client) => (await client.query('SELECT count(*)::int AS n FROM contract.portal_sign_in_links WHERE email = $1', [address.toLowerCase()])).rows[0].n);
  }

  async function throttledSoFar(): Promise<number> {
    const metrics = await service.app.inject({ method: 'GET', url: '/metrics' });
    return metricValue(parsePrometheusText(metrics.body), 'mb_portal_sign_in_links_not_sent_total', { reason: 'throttled' }) ?? 0;
  }

  /** Asks for a link to a new client's AP contact and returns the session it opens. */
  async function aSession(): Promise<{ client: Json; address: string; session: Json }> {
    const address = anAddress();
    const client = await registerClient({ ap_contact_email: address });
    expect((await askForLink(address)).statusCode).toBe(202);
    const [mail] = await eventually(() => mailsTo(address), (mails) => mails.length === 1, `the sign-in email to ${address}`);
    const opened = await openSession(tokenIn(mail));
    expect(opened.statusCode).toBe(201);
    return { client, address, session: opened.json() };
  }

  it('emails a link to the contact of each client the address is, in its language, which opens a session for that client', async () => {
    // given an address that is one client's AP contact and, typed in another case, another client's approver (who writes German)
    const address = anAddress();
    const english = await registerClient({ ap_contact_email: address });
    const german = await registerClient({ ap_contact_email: anAddress('buchhaltung'), approver_email: address.toUpperCase(), language: 'de' });
    // when someone asks for a link with the address in yet another case
    const asked = await askForLink(`  ${address.replace('ap', 'AP')} `.trim());
    // then the answer is 202 accepted, and one email per client arrives, to that client's spelling of the address
    expect([asked.statusCode, asked.json()]).toEqual([202, { status: 'accepted' }]);
    const mails = await eventually(() => mailsTo(address), (found) => found.length === 2, 'two sign-in emails');
    const toEnglish = mails.find((mail) => mail.subject === `Sign in to ${english.name}'s billing portal`) as ParsedMail;
    const toGerman = mails.find((mail) => mail.subject === `Anmeldung im Abrechnungsportal von ${german.name}`) as ParsedMail;
    expect([toEnglish, toGerman]).toEqual([expect.anything(), expect.anything()]);
    expect(toEnglish.text).toContain('valid for 15 minutes and works once');
    expect(toGerman.text).toContain('15 Minuten lang gültig und funktioniert nur einmal');
    expect(toEnglish.html).toContain(`href="${PORTAL}/sign-in?token&#x3D;mbl_psl_`);
    expect(tokenIn(toEnglish)).toMatch(/^mbl_psl_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/);
    // and each link opens a session for its own client: a client-role key that expires in eight hours
    const before = Date.now();
    const opened = await openSession(tokenIn(toGerman));
    expect(opened.statusCode).toBe(201);
    const session = opened.json();
    expect(session).toEqual({
      id: expect.stringMatching(/^mbk_/),
      token: expect.stringMatching(/^mbk_[0-9A-HJKMNP-TV-Z]{26}_[A-Za-z0-9_-]{43}$/),
      client_id: german.id,
      client_name: german.name,
      client_language: 'de',
      email: address.toLowerCase(),
      expires_at: expect.any(String),
    });
    expect(Date.parse(session.expires_at) - before).toBeGreaterThanOrEqual(28_800_000 - 60_000);
    expect(Date.parse(session.expires_at) - before).toBeLessThanOrEqual(28_800_000 + 60_000);
    const current = await withKey(session.token, { method: 'GET', url: '/v1/api-keys/current' });
    expect(current.json()).toMatchObject({ id: session.id, role: 'client', client_id: german.id, name: `portal session ${address.toLowerCase()}`, expires_at: session.expires_at });
    expect((await openSession(tokenIn(toEnglish))).json().client_id).toBe(english.id);
  });

  it('answers 202 for an address no client has, and sends nothing', async () => {
    // when someone asks for a link to an unknown address, then to a known one
    const unknown = anAddress('nobody');
    const unknownAsked = await askForLink(unknown);
    const { address } = await aSession();
    // then the unknown address got the same answer, and (once the known one's email is out) no email and no link
    expect([unknownAsked.statusCode, unknownAsked.json()]).toEqual([202, { status: 'accepted' }]);
    expect(mailsTo(address)).toHaveLength(1);
    expect(mailsTo(unknown)).toEqual([]);
    expect(await linksTo(unknown)).toBe(0);
  });

  it('redeems a link once: the second time, as for a forged, malformed or unknown token, the same 401', async () => {
    const address = anAddress();
    await registerClient({ ap_contact_email: address });
    await askForLink(address);
    const [mail] = await eventually(() => mailsTo(address), (mails) => mails.length === 1, 'the sign-in email');
    const token = tokenIn(mail);
    // a wrong secret is refused, and burns nothing
    const forged = `${token.slice(0, -43)}${'A'.repeat(43)}`;
    const refusals = [await openSession(forged), await openSession('mbl_nonsense'), await openSession(`mbl_psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_${token.slice(-43)}`)];
    expect((await openSession(token)).statusCode).toBe(201);
    refusals.push(await openSession(token));
    for (const refused of refusals) {
      expect([refused.statusCode, refused.headers['content-type'], refused.json().code]).toEqual([401, expect.stringContaining('application/problem+json'), 'portal.sign_in_link_invalid']);
    }
  });

  it('keeps the session out of the idempotency store, and audits the sign-in', async () => {
    const address = anAddress();
    await registerClient({ ap_contact_email: address });
    await askForLink(address);
    const [mail] = await eventually(() => mailsTo(address), (mails) => mails.length === 1, 'the sign-in email');
    const idempotencyKey = uniqueName('sign-in');
    const first = await openSession(tokenIn(mail), { 'idempotency-key': idempotencyKey });
    expect(first.statusCode).toBe(201);
    const replay = await openSession(tokenIn(mail), { 'idempotency-key': idempotencyKey });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json()]).toEqual([201, 'true', {}]);
    const stored = await asSuperuser(async (client) => (await client.query('SELECT response::text AS response FROM contract.idempotency_keys WHERE idempotency_key = $1', [idempotencyKey])).rows[0]);
    expect(stored.response).not.toContain(first.json().token);
    expect(stored.response).not.toContain(address);
    const rows = await asSuperuser(
      async (client) => (await client.query(`SELECT actor_subject, outcome, status FROM contract.audit_log WHERE command = 'POST /v1/portal/sessions' AND target_id = $1`, [first.json().id])).rows,
    );
    expect(rows).toEqual([{ actor_subject: 'anonymous', outcome: 'succeeded', status: '201' }]);
  });

  it("lets the session read its own client's contract and nobody else's", async () => {
    const { client, session } = await aSession();
    const other = await registerClient({ ap_contact_email: anAddress() });
    const contractOf = async (clientId: string) =>
      (
        await injectAs(service.app, 'admin', {
          method: 'POST',
          url: '/v1/contracts',
          payload: { client_id: clientId, title: 'Portal rebuild', currency: 'usd', total_value_cents: 3_000_000, net_days: 15, milestones: referenceMilestones() },
        })
      ).json().id as string;
    const own = await contractOf(client.id);
    const othersContract = await contractOf(other.id);
    expect((await withKey(session.token, { method: 'GET', url: `/v1/contracts/${own}` })).statusCode).toBe(200);
    const hidden = await withKey(session.token, { method: 'GET', url: `/v1/contracts/${othersContract}` });
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'contract.not_found']);
    // and it is a client: it may not register clients
    expect((await withKey(session.token, { method: 'POST', url: '/v1/clients', payload: { name: 'Mine', ap_contact_email: 'x@y.example' } })).statusCode).toBe(403);
  });

  it('ends the session on sign-out: the key is refused from then on; a token or a key an admin made is no session', async () => {
    const { client, session } = await aSession();
    const ended = await withKey(session.token, { method: 'POST', url: '/v1/portal/sessions/current/end' });
    expect([ended.statusCode, ended.body]).toEqual([204, '']);
    const refused = await withKey(session.token, { method: 'GET', url: `/v1/clients/${client.id}` });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'auth.token_invalid']);
    const listed = (await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/api-keys?include_ended=true' })).json().data.find((key: Json) => key.id === session.id);
    expect(listed).toMatchObject({ revoked_by: session.id, revoked_at: expect.any(String), expires_at: session.expires_at });
    // a client's access token, and a client key an admin made, are no portal session
    const asToken = await injectAs(service.app, { role: 'client', clientId: client.id }, { method: 'POST', url: '/v1/portal/sessions/current/end' });
    expect([asToken.statusCode, asToken.json().code]).toEqual([409, 'portal.not_a_session']);
    const adminMade = (await injectAs(service.app, 'admin', { method: 'POST', url: '/v1/api-keys', payload: { name: 'Client ERP', role: 'client', client_id: client.id } })).json();
    const asAdminKey = await withKey(adminMade.key, { method: 'POST', url: '/v1/portal/sessions/current/end' });
    expect([asAdminKey.statusCode, asAdminKey.json().code]).toEqual([409, 'portal.not_a_session']);
    expect((await withKey(adminMade.key, { method: 'GET', url: `/v1/clients/${client.id}` })).statusCode).toBe(200);
  });

  it('sends at most five links to an address in fifteen minutes; past that it still answers 202, sends nothing and counts it', async () => {
    const address = anAddress();
    await registerClient({ ap_contact_email: address });
    const throttledBefore = await throttledSoFar();
    for (let ask = 1; ask <= 5; ask += 1) expect((await askForLink(address)).statusCode).toBe(202);
    await eventually(() => mailsTo(address), (mails) => mails.length === 5, 'five sign-in emails');
    // when a sixth is asked for
    expect((await askForLink(address)).statusCode).toBe(202);
    // then it is counted as held back, and no sixth link exists nor email went out
    await eventually(throttledSoFar, (count) => count === throttledBefore + 1, 'the sixth link counted as throttled');
    expect([await linksTo(address), mailsTo(address).length]).toEqual([5, 5]);
  });

  it.each([
    [{ email: 'not an address' }, 'email'],
    [{ email: `${'a'.repeat(250)}@acme.example` }, 'email'],
    [{}, 'email'],
    [{ email: 'ap@acme.example', remember_me: true }, 'remember_me'],
  ])('refuses %p with a 400 naming %s, and sends nothing', async (payload, field) => {
    const response = await service.app.inject({ method: 'POST', url: '/v1/portal/sign-in-links', payload });
    expect([response.statusCode, response.json().code]).toEqual([400, 'request.invalid']);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses an expired link as a used one, and an expired session as a revoked key', async () => {
    // given a link asked for, and a session opened
    const address = anAddress();
    await registerClient({ ap_contact_email: address });
    await askForLink(address);
    const [mail] = await eventually(() => mailsTo(address), (mails) => mails.length === 1, 'the sign-in email');
    const { client, session } = await aSession();
    // when the link's fifteen minutes are over
    service.runtime.clock.travelTo(new Date(Date.now() + 15 * 60_000 + 1_000));
    const expired = await openSession(tokenIn(mail));
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'portal.sign_in_link_invalid']);
    // and the session still works until its eight hours are over
    expect((await withKey(session.token, { method: 'GET', url: `/v1/clients/${client.id}` })).statusCode).toBe(200);
    service.runtime.clock.travelTo(new Date(Date.parse(session.expires_at)));
    const refused = await withKey(session.token, { method: 'GET', url: `/v1/clients/${client.id}` });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'auth.token_invalid']);
  });
});
