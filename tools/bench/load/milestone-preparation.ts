// Submitted milestones ready to approve, made through the public REST APIs as users make them: a
// client, contracts with on_approval milestones, activation, then each milestone started and
// submitted. Approving one makes it billable, and invoicing issues its invoice.
import { type BillingApiClient, type LocalIssuer, waitFor } from '@mb/devstack';

/** A milestone waiting for its client's approval. */
export interface SubmittedMilestone {
  readonly milestoneId: string;
  readonly contractId: string;
  readonly clientId: string;
}

export interface PreparedMilestones {
  readonly milestones: readonly SubmittedMilestone[];
  /** The APIs as the client's approver: its token may approve these milestones. */
  readonly approver: BillingApiClient;
}

export interface MilestonePreparationOptions {
  readonly count: number;
  /** 10 unless told (at most 50, the API's limit); the amounts split the contract's value evenly. */
  readonly milestonesPerContract?: number;
  /** Requests in flight at once while preparing; 16 unless told. */
  readonly concurrency?: number;
  /** Called every second or so with how many milestones are submitted so far. */
  readonly onProgress?: (submitted: number, count: number) => void;
}

type Json = Record<string, unknown>;

/** Prepares `count` submitted milestones of one client; `api` acts as a project manager. */
export async function prepareSubmittedMilestones(api: BillingApiClient, issuer: LocalIssuer, options: MilestonePreparationOptions): Promise<PreparedMilestones> {
  const perContract = Math.min(50, Math.max(1, options.milestonesPerContract ?? 10));
  const concurrency = options.concurrency ?? 16;
  const stamp = Date.now();
  const client = await api.expect<Json>(201, 'contract', 'POST', '/v1/clients', {
    name: `Bench client ${stamp}`,
    ap_contact_email: `ap+${stamp}@bench.example`,
    approver_email: `approver+${stamp}@bench.example`,
    time_zone: 'UTC',
  });
  const clientId = client.id as string;
  const approver = api.as(await issuer.issue({ role: 'client', clientId, subject: `approver+${stamp}@bench.example`, expiresInSeconds: 24 * 3600 }));

  const contracts = Math.ceil(options.count / perContract);
  const milestones: SubmittedMilestone[] = [];
  let lastReport = 0;
  await inParallel(contracts, concurrency, async (contractNumber) => {
    const size = Math.min(perContract, options.count - contractNumber * perContract);
    const contractId = await activeContract(api, clientId, size, contractNumber);
    const listed = await waitFor(
      async () => (await api.expect<{ data: Json[] }>(200, 'milestone', 'GET', `/v1/contracts/${contractId}/milestones`)).data,
      (items) => items.length === size,
      `the ${size} milestones of ${contractId}`,
      120_000,
    );
    for (const milestone of listed) {
      const id = milestone.id as string;
      await api.expect(200, 'milestone', 'POST', `/v1/milestones/${id}/start`);
      await api.expect(200, 'milestone', 'POST', `/v1/milestones/${id}/submit`, { evidence_url: 'https://example.com/evidence' });
      milestones.push({ milestoneId: id, contractId, clientId });
    }
    if (options.onProgress && Date.now() - lastReport >= 1000) {
      lastReport = Date.now();
      options.onProgress(milestones.length, options.count);
    }
  });
  return { milestones, approver };
}

async function activeContract(api: BillingApiClient, clientId: string, milestones: number, contractNumber: number): Promise<string> {
  // Basis points must add up to 10,000: the first milestone takes the remainder.
  const share = Math.floor(10_000 / milestones);
  const schedule = Array.from({ length: milestones }, (_, index) => ({
    title: `Milestone ${index + 1}`,
    amount_bps: index === 0 ? 10_000 - share * (milestones - 1) : share,
    billing_trigger: 'on_approval',
    acceptance_criteria: 'Signed checklist',
    approval_window_days: 30,
  }));
  const contract = await api.expect<Json>(201, 'contract', 'POST', '/v1/contracts', {
    client_id: clientId,
    title: `Bench contract ${contractNumber}`,
    currency: 'usd',
    total_value_cents: 1_000_000 * milestones,
    net_days: 30,
    milestones: schedule,
  });
  await api.expect(200, 'contract', 'POST', `/v1/contracts/${contract.id as string}/activate`);
  return contract.id as string;
}

/** Runs work(0…count-1) with at most `concurrency` at once. */
export async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}
