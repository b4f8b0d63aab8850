import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { stopProcess, waitFor } from '@mb/devstack';
import { e2ePort, type OidcIdentityProvider, startOidcIdentityProvider, uniqueName } from '@mb/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { blockingAccessibilityViolations, launchChromium, screenshotForDocs } from './browser';
import { aClientKey, aClientWithSubmittedWork, type ClientWithSubmittedWork, aPaymentPlanProposedForOverdueWork, startClientPortal } from './client-portal-stack';
import { type FiveServices, startFiveServices } from './five-services';

// Issue 15 "Client portal", in a real browser: Debian's Chromium driven by Playwright over the five
// services and the portal. Client A's project lead asks for a sign-in link, opens it from the SMTP
// sink, sees the schedule, approves one milestone (its invoice appears), rejects another with a
// reason, downloads the invoice PDF, disputes the invoice and withdraws the dispute. Client B signs
// in by its own link and cannot open A's invoice. A colleague at A signs in through the company's
// identity provider instead (a real OpenID Connect provider, which the services trust for every
// token here). axe-core checks every page on the way (no serious or critical violations), at a
// desktop and a phone's width.

const FIRST_PORT = e2ePort(5801);
const FIRST_GRPC_PORT = e2ePort(5811);
const SMTP_PORT = e2ePort(5825);
const MAIL_VIEW_PORT = e2ePort(5826);
// the portal is served at firstPort + 9, where the stack's sign-in links point
const PORTAL = `http://127.0.0.1:${FIRST_PORT + 9}`;
const PORTAL_AT_IDENTITY_PROVIDER = { clientId: 'client-portal', clientSecret: 'portal-secret-for-tests-only' };
const PHONE = { width: 375, height: 740 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stack: FiveServices;
let portal: ChildProcess;
let chromium: Browser;
let identityProvider: OidcIdentityProvider;

beforeAll(async () => {
  identityProvider = await startOidcIdentityProvider({ client: { ...PORTAL_AT_IDENTITY_PROVIDER, redirectUris: [`${PORTAL}/sign-in/company/callback`] } });
  stack = await startFiveServices({ firstPort: FIRST_PORT, firstGrpcPort: FIRST_GRPC_PORT, smtpPort: SMTP_PORT, mailViewPort: MAIL_VIEW_PORT, identityProvider });
  portal = await startClientPortal(stack, {
    PORTAL_OIDC_ISSUER: identityProvider.issuer,
    PORTAL_OIDC_CLIENT_ID: PORTAL_AT_IDENTITY_PROVIDER.clientId,
    PORTAL_OIDC_CLIENT_SECRET: PORTAL_AT_IDENTITY_PROVIDER.clientSecret,
  });
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  if (portal !== undefined) await stopProcess(portal, 10_000);
  await stack?.stop();
  await identityProvider?.stop();
});

/** Fails with the violations' ids, impacts and elements when axe finds a serious or critical one. */
async function expectAccessible(page: Page): Promise<void> {
  expect(await blockingAccessibilityViolations(page)).toEqual([]);
}

/** The page fits a phone's width: nothing makes the reader scroll sideways. */
async function expectFitsAPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  // evaluated in the page (a string: the test's own TypeScript has no DOM types)
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The sign-in emails the sink has caught for `email`, oldest first. */
async function signInEmailsTo(email: string) {
  return (await stack.mailbox()).filter((caught) => caught.to.includes(email) && /sign-in\?token=mbl_/.test(caught.text));
}

/**
 * The sign-in link of the newest email to `email`, once the sink holds more than `alreadyCaught`
 * of them: a link asked for just now is waited for, never mistaken for an earlier, used one.
 */
async function signInLinkFor(email: string, alreadyCaught = 0): Promise<string> {
  const mail = await waitFor(() => signInEmailsTo(email), (found) => found.length > alreadyCaught, `a sign-in email to ${email}`, 30_000);
  const link = /https?:\/\/\S+\/sign-in\?token=mbl_[A-Za-z0-9_-]+/.exec(mail[mail.length - 1].text);
  if (link === null) throw new Error('the sign-in email carries no link');
  return link[0];
}

/** A person's browser asking for a link on the sign-in page and following it from their email. */
async function signInByEmailedLink(context: BrowserContext, email: string, screenshots = false): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${PORTAL}/`);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  if (screenshots) {
    await expectAccessible(page);
    await screenshotForDocs(page, '01-sign-in');
  }
  const alreadyCaught = (await signInEmailsTo(email)).length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.waitForSelector('text=a sign-in link is on its way');
  if (screenshots) await expectAccessible(page);

  await page.goto(await signInLinkFor(email, alreadyCaught));
  // opening the link signs nobody in by itself: a mail scanner's fetch uses nothing up
  const button = page.getByRole('button', { name: 'Sign in' });
  if (screenshots) await expectAccessible(page);
  await button.click();
  await page.waitForURL(`${PORTAL}/`);
  return page;
}

describe('the client portal in a browser', () => {
  let alpha: ClientWithSubmittedWork;
  let bravo: ClientWithSubmittedWork;
  let alphaLead: string;
  let bravoLead: string;
  let context: BrowserContext;
  let page: Page;
  let invoice: Json;

  beforeAll(async () => {
    alphaLead = `${uniqueName('lead')}@alpha.example`;
    bravoLead = `${uniqueName('lead')}@bravo.example`;
    alpha = await aClientWithSubmittedWork(stack, 'Alpha', { approverEmail: alphaLead });
    bravo = await aClientWithSubmittedWork(stack, 'Bravo', { approverEmail: bravoLead });
    context = await chromium.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE', acceptDownloads: true });
  });

  afterAll(async () => {
    await context?.close();
  });

  it("0. asks A's project lead to approve the submitted work in the portal", async () => {
    const requests = await waitFor(
      async () => (await stack.mailbox()).filter((mail) => mail.to.includes(alphaLead) && mail.subject.startsWith('Bitte um Abnahme')),
      (found) => found.length === 2,
      'the two approval requests',
      60_000,
    );
    for (const request of requests) expect(request.text).toContain(`in Ihrem Kundenportal ab oder lehnen Sie ihn ab: ${PORTAL}/approvals`);
  });

  it('1. signs client A in by the link emailed to its project lead', async () => {
    page = await signInByEmailedLink(context, alphaLead, true);
    await page.getByText('Signed in for').waitFor();
    expect(await page.locator('header').innerText()).toContain('Alpha');
  });

  it('2. shows the schedule: each milestone with status, date and amount, in euros formatted for a German reader', async () => {
    const main = await page.locator('main').innerText();
    expect(main).toContain('Alpha web shop');
    expect(main).toMatch(/Design[\s\S]*Build[\s\S]*Launch/);
    expect(main).toMatch(/9\.000,00\s€/);
    expect(main).toMatch(/12\.000,00\s€/);
    expect(main).not.toContain('Bravo');
    await expectAccessible(page);
    await screenshotForDocs(page, '02-overview');
    await expectFitsAPhone(page);
  });

  it('3. reaches the approval of a submitted milestone by keyboard alone, confirms it, and its invoice appears', async () => {
    await page.getByRole('link', { name: 'Awaiting approval' }).click();
    await page.waitForURL(`${PORTAL}/approvals`);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Design signed off in the review meeting');
    expect(main).toContain('alpha/shop#42 (pull request)');
    expect(main).toMatch(/left/);
    await expectAccessible(page);
    await screenshotForDocs(page, '03-approvals');
    await expectFitsAPhone(page);

    // Tab from the top of the page until the first milestone's "Approve…" has the focus, then Enter.
    await page.locator('body').focus();
    let focused = '';
    for (let presses = 0; presses < 40 && !focused.startsWith('Approve… Design'); presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>("(document.activeElement?.innerText ?? '').replace(/\\s+/g, ' ').trim()");
    }
    expect(focused).toMatch(/^Approve… Design/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/approvals\/[^/]+\/approve$/);
    expect(await page.locator('main').innerText()).toContain('This cannot be undone');
    await expectAccessible(page);
    await screenshotForDocs(page, '04-approve-confirm');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(`${PORTAL}/approvals?done=approved`);
    expect(await page.getByRole('status').innerText()).toContain('Approved — the supplier has been told');

    // the invoice its approval triggers shows under Invoices within seconds
    await page.getByRole('link', { name: 'Invoices' }).click();
    await waitFor(
      async () => {
        await page.reload();
        return page.locator('main').innerText();
      },
      (text) => /Design/.test(text) && /9\.000,00\s€/.test(text),
      'the approved milestone invoice in the portal',
      30_000,
    );
    const design = alpha.milestones[0];
    invoice = (await stack.api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${alpha.contract.id}`)).data.find((found) => found.milestone_id === design.id) as Json;
    expect(invoice.status).toBe('open');
    expect((await stack.api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${design.id}`)).status).toBe('invoiced');
    await expectAccessible(page);
    await screenshotForDocs(page, '05-invoices');
  });

  it('4. rejects the other milestone only with a reason, and the supplier sees the reason', async () => {
    await page.getByRole('link', { name: 'Awaiting approval' }).click();
    await page.getByRole('link', { name: /^Reject… Build/ }).click();
    await expectAccessible(page);
    await screenshotForDocs(page, '06-reject');
    // blanks only: the browser's "required" lets them through, the portal refuses them and sends nothing
    await page.getByLabel('Reason (required)').fill('   ');
    await page.getByRole('button', { name: 'Reject milestone' }).click();
    expect(await page.locator('main').innerText()).toContain('Reason: say why you reject the milestone');
    await expectAccessible(page);
    const build = alpha.milestones[1];
    expect((await stack.api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${build.id}`)).status).toBe('submitted');

    await page.getByLabel('Reason (required)').fill('The checkout fails on mobile Safari.');
    await page.getByRole('button', { name: 'Reject milestone' }).click();
    await page.waitForURL(`${PORTAL}/approvals?done=rejected`);
    expect(await stack.api.expect<Json>(200, 'milestone', 'GET', `/v1/milestones/${build.id}`)).toMatchObject({ status: 'rejected', rejection_reason: 'The checkout fails on mobile Safari.' });
    expect(await page.locator('main').innerText()).toContain('Nothing is waiting for your approval.');

    // an old confirmation opened again: the page says why there is nothing to approve
    const stale = await page.goto(`${PORTAL}/approvals/${build.id}/approve`);
    expect(stale?.status()).toBe(409);
    expect(await page.locator('main').innerText()).toContain('no longer awaiting your approval');
    await expectAccessible(page);
  });

  it('5. opens the invoice, with its due date and payment instructions, and downloads its PDF', async () => {
    await page.goto(`${PORTAL}/invoices/${invoice.id}`);
    const main = await page.locator('main').innerText();
    expect(main).toContain(invoice.number);
    expect(main).toMatch(/9\.000,00\s€/);
    // how to pay: the seller's account and the reference to quote, as the PDF and UBL print them
    expect(main).toContain('How to pay');
    expect(main).toContain('Bank transfer');
    expect(main).toContain(invoice.payment_instructions.account);
    await expectAccessible(page);
    await screenshotForDocs(page, '07-invoice');
    await expectFitsAPhone(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('6. disputes the invoice with a reason behind a confirmation', async () => {
    // collections learns of the invoice from invoice.issued; until then a dispute is refused as unknown
    await waitFor(
      async () => {
        await page.goto(`${PORTAL}/invoices/${invoice.id}`);
        await page.getByRole('link', { name: 'Dispute this invoice…' }).click();
        await expectAccessible(page);
        await page.getByLabel('Reason (required)').fill('The design files were delivered late.');
        await page.getByRole('button', { name: 'Open the dispute' }).click();
        return page.url();
      },
      (url) => url.endsWith('?done=disputed'),
      'the dispute opened',
      30_000,
    );
    const main = await page.locator('main').innerText();
    expect(main).toContain('Dispute opened');
    expect(main).toContain('The design files were delivered late.');
    await waitFor(() => stack.api.expect<Json>(200, 'invoicing', 'GET', `/v1/invoices/${invoice.id}`), (found) => found.in_dispute === true, 'the invoice in dispute');
    await expectAccessible(page);
    await screenshotForDocs(page, '08-invoice-disputed');

    // a dispute can be taken back (the undo the domain allows); an approval cannot
    await page.getByRole('button', { name: 'Withdraw the dispute' }).click();
    await page.waitForURL(/\?done=withdrawn$/);
    expect(await page.getByRole('status').innerText()).toContain('Dispute withdrawn');
    await waitFor(() => stack.api.expect<Json>(200, 'invoicing', 'GET', `/v1/invoices/${invoice.id}`), (found) => found.in_dispute === false, 'the dispute withdrawn at invoicing');
  });

  it('7. shows collections and the next 90 days of expected invoices', async () => {
    await page.getByRole('link', { name: 'Collections' }).click();
    await expectAccessible(page);
    await screenshotForDocs(page, '09-collections');
    await page.getByRole('link', { name: 'Upcoming' }).click();
    const main = await page.locator('main').innerText();
    expect(main).toContain('Launch');
    expect(main).toMatch(/12\.000,00\s€/);
    await expectAccessible(page);
    await screenshotForDocs(page, '10-upcoming');
    await expectFitsAPhone(page);
  });

  it("8. signs client B in by its own link, and B's browser gets 404 for A's invoice", async () => {
    const bravoContext = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const bravoPage = await signInByEmailedLink(bravoContext, bravoLead);
      expect(await bravoPage.locator('main').innerText()).toContain(bravo.contract.title);
      const response = await bravoPage.goto(`${PORTAL}/invoices/${invoice.id}`);
      expect(response?.status()).toBe(404);
      expect(await bravoPage.locator('main').innerText()).not.toContain(invoice.number);
      await expectAccessible(bravoPage);
      expect(await (await bravoPage.goto(`${PORTAL}/invoices/${invoice.id}/pdf`))?.status()).toBe(404);
    } finally {
      await bravoContext.close();
    }
  });

  it('9. uses a sign-in link once: the same link opened again signs nobody in', async () => {
    const link = await signInLinkFor(bravoLead);
    const other = await chromium.newContext();
    try {
      const again = await other.newPage();
      await again.goto(link);
      await again.getByRole('button', { name: 'Sign in' }).click();
      expect(await again.locator('main').innerText()).toContain('expired or was already used');
      expect((await other.cookies(PORTAL)).filter((cookie) => cookie.name === 'mb_portal_session')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('10. signs out, after which the pages ask to sign in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signed_out=1$/);
    await page.goto(`${PORTAL}/invoices`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it("11. signs a colleague at A in through the company's identity provider, and refuses an account linked to no client", async () => {
    const colleague = `${uniqueName('colleague')}@alpha.example`;
    identityProvider.addAccount({ login: colleague, billingClientId: alpha.client.id });
    const companyContext = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const companyPage = await companyContext.newPage();
      await companyPage.goto(`${PORTAL}/sign-in`);
      await companyPage.getByRole('link', { name: 'Sign in with your company account' }).click();
      // the identity provider's own login page (oidc-provider's development login: any password)
      await companyPage.locator('input[name=login]').fill(colleague);
      await companyPage.locator('input[name=password]').fill('any password');
      await companyPage.locator('button[type=submit]').click();
      await companyPage.waitForURL(`${PORTAL}/`);
      expect(await companyPage.locator('header').innerText()).toContain('Alpha');
      expect(await companyPage.locator('main').innerText()).toContain(alpha.contract.title);
      expect((await companyPage.goto(`${PORTAL}/invoices/${invoice.id}`))?.status()).toBe(200);

      // an account the identity provider knows but has linked to no client gets no session
      const strangerLogin = `${uniqueName('stranger')}@alpha.example`;
      identityProvider.addAccount({ login: strangerLogin, billingClientId: null });
      const stranger = await (await chromium.newContext()).newPage();
      await stranger.goto(`${PORTAL}/sign-in/company`);
      await stranger.locator('input[name=login]').fill(strangerLogin);
      await stranger.locator('input[name=password]').fill('any password');
      await stranger.locator('button[type=submit]').click();
      await stranger.waitForURL(/\/sign-in\/company\/callback/);
      expect(await stranger.locator('main').innerText()).toContain('not set up for this portal');
      expect((await stranger.context().cookies(PORTAL)).filter((cookie) => cookie.name === 'mb_portal_session')).toEqual([]);
      await stranger.context().close();
    } finally {
      await companyContext.close();
    }
  });

  it("12. lets B's AP clerk accept, behind a confirmation, a payment plan proposed for an overdue invoice", async () => {
    // B's first milestone approved by B, its invoice issued, then the test clock past its due date: a case opens, a plan is proposed
    const { plan } = await aPaymentPlanProposedForOverdueWork(stack, bravo, await aClientKey(stack, bravo.client));
    // B's AP contact is emailed the proposal, in German, pointing at the portal's Collections page
    const [proposal] = await waitFor(
      async () => (await stack.mailbox()).filter((mail) => mail.to.includes(bravo.client.ap_contact_email) && mail.subject.startsWith('Ihnen wird ein Zahlungsplan angeboten')),
      (found) => found.length === 1,
      'the payment plan proposal email',
      60_000,
    );
    expect(proposal.text).toContain(`Um ihn anzunehmen, öffnen Sie Ihr Kundenportal: ${PORTAL}/collections`);

    const bravoContext = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const clerk = await signInByEmailedLink(bravoContext, bravoLead);
      await clerk.getByRole('link', { name: 'Collections' }).click();
      expect(await clerk.locator('main').innerText()).toContain('Proposed to you');
      await expectAccessible(clerk);
      await clerk.getByRole('link', { name: 'Review and accept this plan…' }).click();
      expect(await clerk.locator('main').innerText()).toMatch(/4\.500,00\s€/);
      await expectAccessible(clerk);
      await screenshotForDocs(clerk, '11-accept-plan');
      await clerk.getByRole('button', { name: 'Accept the payment plan' }).click();
      await clerk.waitForURL(`${PORTAL}/collections?done=plan_accepted`);
      expect(await clerk.getByRole('status').innerText()).toContain('Payment plan accepted');
      expect((await stack.api.expect<Json>(200, 'collections', 'GET', `/v1/payment-plans/${plan.id}`)).status).toBe('agreed');
      await expectAccessible(clerk);
      await screenshotForDocs(clerk, '12-collections-plan-agreed');
      await expectFitsAPhone(clerk);
    } finally {
      await bravoContext.close();
    }
  });
});
