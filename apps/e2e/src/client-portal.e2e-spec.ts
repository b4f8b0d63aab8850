import type { ChildProcess } from 'node:child_process';
import { stopProcess, waitFor } from '@mb/devstack';
import { e2ePort, uniqueName } from '@mb/testing';
import { aClientKey, aClientWithSubmittedWork, type ClientWithSubmittedWork, aPaymentPlanProposedForOverdueWork, startClientPortal } from './client-portal-stack';
import { type FiveServices, startFiveServices } from './five-services';

// Issue 15 "Client portal", without a browser: the five services and the portal started from
// their build, the portal driven with fetch as a browser would (a session cookie holding a
// client-role API key, form posts with the portal's Origin). Two clients: A approves one
// milestone and sees its invoice appear, rejects another with a reason, downloads the PDF and
// disputes the invoice; B's session cannot open A's invoice; B accepts a payment plan proposed for
// its overdue invoice.

const FIRST_PORT = e2ePort(5701);
const FIRST_GRPC_PORT = e2ePort(5711);
const SMTP_PORT = e2ePort(5725);
const MAIL_VIEW_PORT = e2ePort(5726);
// the portal is served at firstPort + 9, where the stack's sign-in links point
const PORTAL = `http://127.0.0.1:${FIRST_PORT + 9}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let portal: ChildProcess;

beforeAll(async () => {
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT });
  portal = await startClientPortal(stack);
});

afterAll(async () => {
  if (portal !== undefined) await stopProcess(portal, 10_000);
  await stack?.stop();
});

/** A browser holding one client's session: its cookie on every request, forms posted from the portal. */
class Browser {
  constructor(private readonly sessionToken: string) {}

  get(path: string): Promise<Response> {
    return fetch(`${PORTAL}${path}`, { headers: { cookie: `mb_portal_session=${encodeURIComponent(this.sessionToken)}` }, redirect: 'manual' });
  }

  async page(path: string): Promise<string> {
    const response = await this.get(path);
    expect(response.status).toBe(200);
    return response.text();
  }

  post(path: string, form: Record<string, string>, origin: string | null = PORTAL): Promise<Response> {
    const headers: Record<string, string> = { cookie: `mb_portal_session=${encodeURIComponent(this.sessionToken)}`, 'content-type': 'application/x-www-form-urlencoded' };
    if (origin !== null) headers.origin = origin;
    return fetch(`${PORTAL}${path}`, { method: 'POST', headers, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  }
}

/** The hidden Idempotency-Key of the form a page shows. */
function formKeyIn(html: string): string {
  const match = /name="idempotency_key" value="([^"]+)"/.exec(html);
  if (match === null) throw new Error('the page has no form with an idempotency_key');
  return match[1];
}

describe('the client portal', () => {
  let browserA: Browser;
  let browserB: Browser;
  let contractA: Json;
  let bravo: ClientWithSubmittedWork & { key: string };
  let milestones: Json[];
  let invoice: Json;

  /** A client with submitted work and a session for it (a client key an admin made). */
  async function aClientWithSubmittedWorkAndKey(name: string): Promise<ClientWithSubmittedWork & { key: string }> {
    const work = await aClientWithSubmittedWork(stack, name);
    return { ...work, key: await aClientKey(stack, work.client) };
  }

  it('1. sends a visitor without a session to sign in, and serves pages that cannot be cached, framed or scripted', async () => {
    const response = await fetch(`${PORTAL}/`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in');
    const signIn = await fetch(`${PORTAL}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('cache-control')).toBe('no-store');
    expect(signIn.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await signIn.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<label for="email">');
    expect(html).not.toContain('<script');
  });

  it('1b. answers a sign-in request the same whatever the address, and refuses a link that is not valid', async () => {
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${PORTAL}${path}`, { method: 'POST', headers: { origin: PORTAL, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
    const malformed = await post('/sign-in/request', { email: 'not an address' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('Email address: enter the address');
    const unknown = await post('/sign-in/request', { email: `${uniqueName('nobody')}@nowhere.example` });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain('a sign-in link is on its way');
    // the link's GET only shows a button: a mail scanner fetching it uses nothing up
    const link = await fetch(`${PORTAL}/sign-in?token=mbl_someToken`);
    expect(await link.text()).toContain('<input type="hidden" name="token" value="mbl_someToken">');
    const refused = await post('/sign-in', { token: 'mbl_notAValidLink' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect(await refused.text()).toContain('expired or was already used');
  });

  it('2. shows client A its schedule and money in its own language', async () => {
    const a = await aClientWithSubmittedWorkAndKey('Alpha');
    const b = await aClientWithSubmittedWorkAndKey('Bravo');
    browserA = new Browser(a.key);
    browserB = new Browser(b.key);
    bravo = b;
    contractA = a.contract;
    milestones = a.milestones;

    const overview = await browserA.page('/');
    expect(overview).toContain('Alpha web shop');
    expect(overview).toContain('Design');
    expect(overview).toContain('Awaiting your approval');
    // 30 % of 30,000.00 EUR for a German-speaking client
    expect(overview).toMatch(/9\.000,00\s€/);
    expect(overview).not.toContain('Bravo');
  });

  it('3. lists both submitted milestones with their criteria, evidence and time left', async () => {
    const approvals = await browserA.page('/approvals');
    expect(approvals).toContain('Design signed off in the review meeting');
    expect(approvals).toContain('https://alpha.example/review/1');
    expect(approvals).toContain('href="https://github.com/alpha/shop/pull/42"');
    expect(approvals).toContain('alpha/shop#42 (pull request)');
    expect(approvals).not.toContain('could not be shown');
    // a five-day window ending at a Berlin midnight: "4 days 23 hours" or "5 days 23 hours" by when the test runs
    expect(approvals).toMatch(/[45] days( [0-9]+ hours?)? left/);
  });

  it('4. approves one milestone through the confirmation, once though the form is sent twice, and its invoice appears', async () => {
    const [design] = milestones;
    const confirm = await browserA.page(`/approvals/${design.id}/approve`);
    expect(confirm).toContain('This cannot be undone');
    const key = formKeyIn(confirm);

    const approved = await browserA.post(`/approvals/${design.id}/approve`, { idempotency_key: key });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe('/approvals?done=approved');
    // a double click: the same key, the same answer, one approval
    const again = await browserA.post(`/approvals/${design.id}/approve`, { idempotency_key: key });
    expect(again.status).toBe(303);
    expect(await browserA.page('/approvals?done=approved')).toContain('Approved — the supplier has been told');

    const invoices = await waitFor(() => browserA.page('/invoices'), (html) => html.includes('Design') && html.includes('Open'), 'the invoice on /invoices', 30_000);
    expect(invoices).toMatch(/9\.000,00\s€/);
    const listed = await stack.api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${contractA.id}`);
    invoice = listed.data.find((candidate) => candidate.milestone_id === design.id) as Json;
    expect(invoice.status).toBe('open');
    expect(invoices).toContain(`/invoices/${invoice.id}`);
  });

  it('5. refuses a rejection without a reason, sending nothing, and rejects with one', async () => {
    const [, build] = milestones;
    const form = await browserA.page(`/approvals/${build.id}/reject`);
    const key = formKeyIn(form);

    const empty = await browserA.post(`/approvals/${build.id}/reject`, { idempotency_key: key, reason: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Reason: say why you reject the milestone');
    expect((await stack.api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${build.id}`)).status).toBe('submitted');

    const rejected = await browserA.post(`/approvals/${build.id}/reject`, { idempotency_key: key, reason: 'The checkout fails on mobile Safari.' });
    expect(rejected.status).toBe(303);
    expect(rejected.headers.get('location')).toBe('/approvals?done=rejected');
    expect(await stack.api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${build.id}`)).toMatchObject({ status: 'rejected', rejection_reason: 'The checkout fails on mobile Safari.' });
  });

  it('6. downloads the invoice as a PDF and as UBL through the portal', async () => {
    const pdf = await browserA.get(`/invoices/${invoice.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.pdf"$/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const ubl = await browserA.get(`/invoices/${invoice.id}/ubl`);
    expect(ubl.status).toBe(200);
    expect(ubl.headers.get('content-type')).toContain('xml');
    expect(await ubl.text()).toContain('<Invoice');
  });

  it('7. opens a dispute with a reason behind a confirmation, and shows it with a way to withdraw', async () => {
    const form = await browserA.page(`/invoices/${invoice.id}/dispute`);
    const key = formKeyIn(form);
    const empty = await browserA.post(`/invoices/${invoice.id}/dispute`, { idempotency_key: key, reason: '' });
    expect(empty.status).toBe(400);

    // collections hears of the invoice from its event: until then the dispute is refused as unknown
    const opened = await waitFor(
      () => browserA.post(`/invoices/${invoice.id}/dispute`, { idempotency_key: uniqueName('portal'), reason: 'The design files were delivered late.' }),
      (response) => response.status !== 404,
      'collections to know the invoice',
    );
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe(`/invoices/${invoice.id}?done=disputed`);
    const page = await browserA.page(`/invoices/${invoice.id}?done=disputed`);
    expect(page).toContain('Dispute opened');
    expect(page).toContain('The design files were delivered late.');
    expect(page).toContain('Withdraw the dispute');
    await waitFor(() => stack.api.expect<Json>(200, 'invoicing', 'GET', `/v1/invoices/${invoice.id}`), (found) => found.in_dispute === true, 'the invoice in dispute');
  });

  it("8. shows the next 90 days of expected invoices with a total", async () => {
    const upcoming = await browserA.page('/upcoming');
    expect(upcoming).toContain('Launch');
    expect(upcoming).toContain('Total in EUR');
  });

  it("9. answers client B's session with 404 for client A's invoice and its documents", async () => {
    expect((await browserB.get(`/invoices/${invoice.id}`)).status).toBe(404);
    expect((await browserB.get(`/invoices/${invoice.id}/pdf`)).status).toBe(404);
    expect(await browserB.page('/invoices')).not.toContain(invoice.id);
    expect((await browserB.get(`/approvals/${milestones[2].id}/approve`)).status).toBe(404);
  });

  it('10. refuses a form posted from another origin, or naming none, with 403 and does nothing', async () => {
    const [, , launch] = milestones;
    const fromElsewhere = await browserA.post(`/approvals/${launch.id}/approve`, { idempotency_key: uniqueName('portal') }, 'https://evil.example');
    expect(fromElsewhere.status).toBe(403);
    const fromNowhere = await browserA.post('/sign-out', {}, null);
    expect(fromNowhere.status).toBe(403);
    expect((await browserA.get('/')).status).toBe(200);
  });

  it('11. shows a 404 page for an unknown path, and signs a stale session out', async () => {
    const missing = await browserA.get('/no-such-page');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
    const stale = await new Browser('mbk_unknown_key').get('/invoices');
    expect(stale.status).toBe(303);
    expect(stale.headers.get('location')).toBe('/sign-in');
  });

  it('12. lets client B accept, behind a confirmation, a payment plan proposed for its overdue invoice', async () => {
    // B's first milestone approved, its invoice issued, then the test clock past the due date: a case opens, a plan is proposed
    const { plan } = await aPaymentPlanProposedForOverdueWork(stack, bravo, bravo.key);
    expect(plan.status).toBe('proposed');

    const collections = await browserB.page('/collections');
    expect(collections).toContain('Proposed to you');
    expect(collections).toContain(`/collections/plans/${plan.id}/accept`);
    const confirm = await browserB.page(`/collections/plans/${plan.id}/accept`);
    expect(confirm).toMatch(/4\.500,00\s€/);
    const accepted = await browserB.post(`/collections/plans/${plan.id}/accept`, { idempotency_key: formKeyIn(confirm) });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/collections?done=plan_accepted');
    expect(await browserB.page('/collections?done=plan_accepted')).toContain('Payment plan accepted');
    expect((await stack.api.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`)).status).toBe('agreed');
    // client A cannot see, let alone accept, B's plan
    expect((await browserA.get(`/collections/plans/${plan.id}/accept`)).status).toBe(404);
  });
});

