import type { ChildProcess } from 'node:child_process';
import { startServiceProcess, stopProcess, waitFor, waitForReadiness } from '@mb/devstack';
import { addDays } from '@mb/kernel';
import { testServiceLogFile, uniqueName } from '@mb/testing';
import type { FiveServices } from './five-services';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The portal process a journey drives, over the five services of `stack`, at `stack.portalUrl` (where sign-in links point). */
export async function startClientPortal(stack: FiveServices, extraEnvironment: Record<string, string> = {}): Promise<ChildProcess> {
  const url = stack.portalUrl;
  const logFile = testServiceLogFile('client-portal');
  const portal = startServiceProcess({
    serviceName: 'client-portal',
    logFile,
    env: {
      PORTAL_HTTP_PORT: new URL(url).port,
      PORTAL_PUBLIC_URL: url,
      CONTRACT_API_URL: stack.urls.contract,
      MILESTONE_API_URL: stack.urls.milestone,
      INVOICING_API_URL: stack.urls.invoicing,
      COLLECTIONS_API_URL: stack.urls.collections,
      LOG_LEVEL: 'warn',
      ...extraEnvironment,
    },
  });
  try {
    await waitForReadiness(url, portal, 60_000);
  } catch (error) {
    await stopProcess(portal, 10_000);
    throw new Error(`the client portal: ${(error as Error).message}; its output is in ${logFile}`, { cause: error });
  }
  return portal;
}

/** A client with submitted work, as the portal's journeys start from it. */
export interface ClientWithSubmittedWork {
  readonly client: Json;
  readonly contract: Json;
  /** Design (submitted, a GitHub pull request linked), Build (submitted), Launch (planned). */
  readonly milestones: Json[];
}

/**
 * A client (German-speaking, in Berlin) with an active EUR contract of three on_approval
 * milestones 10, 40 and 70 days out; the first two started and submitted with evidence, the first
 * with a GitHub pull request linked. Its contacts are `apContactEmail` (or a fresh address).
 */
export async function aClientWithSubmittedWork(stack: FiveServices, name: string, contacts: { apContactEmail?: string; approverEmail?: string } = {}): Promise<ClientWithSubmittedWork> {
  const client = await stack.api.expect<Json>(201, 'contract', 'POST', '/v1/clients', {
    name,
    ap_contact_email: contacts.apContactEmail ?? `${uniqueName('ap')}@client.example`,
    ...(contacts.approverEmail ? { approver_email: contacts.approverEmail } : {}),
    language: 'de',
    time_zone: 'Europe/Berlin',
  });
  const contract = await stack.api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
    client_id: client.id,
    title: `${name} web shop`,
    currency: 'eur',
    total_value_cents: 3_000_000,
    net_days: 30,
    milestones: ['Design', 'Build', 'Launch'].map((title, index) => ({
      title,
      acceptance_criteria: `${title} signed off in the review meeting`,
      amount_bps: [3000, 3000, 4000][index],
      billing_trigger: 'on_approval',
      approval_window_days: 5,
      planned_date: daysFromToday(10 + 30 * index),
    })),
  });
  await stack.api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id}/activate`);
  const scheduled = await waitFor(
    async () => (await stack.api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contract.id}/milestones`)).data,
    (list) => list.length === 3,
    'the schedule at milestone-service',
  );
  // the first milestone's work is a pull request, linked as evidence
  await stack.api.expect(201, 'milestone', 'POST', `/v1/milestones/${scheduled[0].id}/work-item-links`, {
    provider: 'github',
    repository: `${name.toLowerCase()}/shop`,
    kind: 'pull_request',
    number: 42,
    submit_when: 'merged',
  });
  for (const milestone of scheduled.slice(0, 2)) {
    await stack.api.expect(200, 'milestone', 'POST', `/v1/milestones/${milestone.id}/start`);
    await stack.api.expect(200, 'milestone', 'POST', `/v1/milestones/${milestone.id}/submit`, { evidence_url: `https://${name.toLowerCase()}.example/review/${milestone.milestone_index}` });
  }
  return { client, contract, milestones: scheduled };
}

/** A client-role API key for the client, made by an admin: a session as the portal would hold one. */
export async function aClientKey(stack: FiveServices, client: Json): Promise<string> {
  const key = await stack.asAdmin.expect<Json>(201, 'contract', 'POST', '/v1/api-keys', { name: `${client.name} portal`, role: 'client', client_id: client.id });
  return key.key as string;
}

/**
 * The client approves its first milestone (with `clientKey`), the invoice is issued, the test clock
 * moves to the day after its due date so that a collections case opens, and finance proposes a plan
 * of two monthly instalments for it, the first due 15 days after the invoice was. Moves the stack's
 * clock: run it last in a journey.
 */
export async function aPaymentPlanProposedForOverdueWork(stack: FiveServices, work: ClientWithSubmittedWork, clientKey: string): Promise<{ invoice: Json; plan: Json }> {
  const [first] = work.milestones;
  await stack.api.as(clientKey).expect(200, 'milestone', 'POST', `/v1/milestones/${first.id}/approve`, undefined, { 'idempotency-key': uniqueName('approve') });
  const invoice = (
    await waitFor(
      async () => (await stack.api.expect<{ data: Json[] }>(200, 'invoicing', 'GET', `/v1/invoices?contract_id=${work.contract.id}`)).data,
      (list) => list.some((candidate) => candidate.milestone_id === first.id && candidate.status === 'open'),
      "the first milestone's invoice",
    )
  ).find((candidate) => candidate.milestone_id === first.id) as Json;
  await stack.asAdmin.travelTo(new Date(`${addDays(invoice.due_date, 1)}T09:00:00Z`));
  const [opened] = await waitFor(
    async () => (await stack.api.expect<{ data: Json[] }>(200, 'collections', 'GET', `/v1/cases?client_id=${work.client.id}`)).data,
    (list) => list.some((item) => item.status === 'open'),
    'the collections case',
    90_000,
  );
  const plan = await stack.asFinance.expect<Json>(
    201,
    'collections',
    'POST',
    `/v1/cases/${opened.id}/payment-plans`,
    { currency: 'eur', proposed: true, instalments: { count: 2, first_due_date: addDays(invoice.due_date, 15), cadence: 'monthly' } },
    { 'idempotency-key': uniqueName('plan') },
  );
  return { invoice, plan };
}

/** The ISO date `days` from today (UTC). */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
