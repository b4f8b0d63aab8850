import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Where each service answers: its front, which spreads connections over its instances. */
export interface LoadTargets {
  readonly contract: string;
  readonly milestone: string;
  readonly notification: string;
}

/** What one approval did, on this process's clock (ms since the run's origin). */
export interface ApprovalOutcome {
  readonly milestoneId: string;
  readonly contractId: string;
  /** When it was due under the open model (origin + i / rate). */
  readonly dueAt: number;
  /** When an answer came, or undefined when none did. */
  readonly answeredAt?: number;
  /** The final HTTP status; 0 when no instance answered. */
  readonly status: number;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MILESTONES_PER_CONTRACT = 10;
/** Not a multiple of 10: the schedule's split has a remainder, so the money check sees an uneven allocation. */
const CONTRACT_VALUE_CENTS = 1_000_003;

/**
 * Prepares submitted milestones and approves them at a steady rate (open model: approval i is sent
 * at origin + i / rate whatever the earlier answers). An approval that gets no answer, or a 5xx,
 * is sent once more with the same Idempotency-Key (the front then takes it to the other instance
 * when the first is down), as a client with a retry policy would.
 *
 * Kept small on purpose: tools/bench's load generator replaces it once that lands.
 */
export class ApprovalLoad {
  private readonly outcomes: ApprovalOutcome[] = [];

  constructor(
    private readonly targets: LoadTargets,
    private readonly tokens: { projectManager: string; service: string; client: (clientId: string) => Promise<string> },
    private readonly say: (line: string) => void,
  ) {}

  /**
   * Creates a client, an all-clients webhook subscription to invoice.issued at `webhookUrl`, and
   * enough active contracts for `count` milestones, then starts and submits every milestone.
   */
  async prepare(count: number, webhookUrl: string): Promise<PreparedMilestones> {
    const client = await this.call<Json>('contract', 'POST', '/v1/clients', this.tokens.projectManager, 201, {
      name: 'Chaos Co',
      ap_contact_email: `ap-${randomUUID().slice(0, 8)}@chaos.example`,
      billing_address: { street: '1 Fault Line', city: 'Berlin', postal_code: '10115', country_code: 'DE' },
    });
    await this.call('notification', 'POST', '/v1/webhook-subscriptions', this.tokens.service, 201, { url: webhookUrl, events: ['invoice.issued'] });
    const contracts = Math.ceil(count / MILESTONES_PER_CONTRACT);
    const milestones: { id: string; contractId: string }[] = [];
    await inParallel(contracts, 4, async (index) => {
      const contract = await this.call<Json>('contract', 'POST', '/v1/contracts', this.tokens.projectManager, 201, {
        client_id: client.id,
        title: `Chaos contract ${index + 1}`,
        currency: 'eur',
        total_value_cents: CONTRACT_VALUE_CENTS,
        net_days: 30,
        milestones: Array.from({ length: MILESTONES_PER_CONTRACT }, (_, position) => ({
          title: `Chaos ${index + 1}.${position + 1}`,
          acceptance_criteria: 'Deliverable accepted against the checklist',
          amount_bps: 10_000 / MILESTONES_PER_CONTRACT,
          billing_trigger: 'on_approval',
        })),
      });
      await this.call('contract', 'POST', `/v1/contracts/${contract.id}/activate`, this.tokens.projectManager, 200);
      const listed = await this.eventually(() => this.call<{ data: Json[] }>('milestone', 'GET', `/v1/contracts/${contract.id}/milestones`, this.tokens.projectManager, 200), (list) => list.data.length === MILESTONES_PER_CONTRACT);
      for (const milestone of listed.data) milestones.push({ id: milestone.id as string, contractId: contract.id as string });
    });
    milestones.sort((a, b) => a.id.localeCompare(b.id));
    await inParallel(milestones.length, 8, async (index) => {
      const { id } = milestones[index];
      await this.call('milestone', 'POST', `/v1/milestones/${id}/start`, this.tokens.projectManager, 200);
      await this.call('milestone', 'POST', `/v1/milestones/${id}/submit`, this.tokens.projectManager, 200, { evidence_url: 'https://example.com/evidence' });
    });
    this.say(`prepared ${milestones.length} submitted milestones on ${contracts} contracts`);
    return { clientToken: await this.tokens.client(client.id as string), milestones };
  }

  /**
   * Approves `prepared` milestones at `ratePerSecond` from `origin` (a performance.now() instant)
   * for as long as `goOn(dueAt)` says and milestones remain. Resolves when every approval sent has
   * its answer.
   */
  async run(prepared: PreparedMilestones, ratePerSecond: number, origin: number, goOn: (dueAtMs: number) => boolean): Promise<ApprovalOutcome[]> {
    const inFlight: Promise<void>[] = [];
    for (let index = 0; index < prepared.milestones.length; index += 1) {
      const dueAt = (index * 1000) / ratePerSecond;
      if (!goOn(dueAt)) break;
      const wait = origin + dueAt - performance.now();
      if (wait > 0) await sleep(wait);
      const milestone = prepared.milestones[index];
      inFlight.push(
        this.approve(milestone.id, prepared.clientToken).then(({ status, answeredAt }) => {
          this.outcomes.push({ milestoneId: milestone.id, contractId: milestone.contractId, dueAt, status, answeredAt: answeredAt === undefined ? undefined : answeredAt - origin });
        }),
      );
    }
    await Promise.all(inFlight);
    return [...this.outcomes].sort((a, b) => a.dueAt - b.dueAt);
  }

  private async approve(milestoneId: string, clientToken: string): Promise<{ status: number; answeredAt?: number }> {
    const key = randomUUID();
    let status = 0;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const base = this.targets.milestone;
      try {
        const response = await fetch(`${base}/v1/milestones/${milestoneId}/approve`, {
          method: 'POST',
          headers: { authorization: `Bearer ${clientToken}`, 'idempotency-key': key },
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        status = response.status;
        if (status < 500) return { status, answeredAt: performance.now() };
      } catch {
        status = 0;
      }
    }
    return { status, answeredAt: status === 0 ? undefined : performance.now() };
  }

  /** A preparation call: tried again until it answers as expected, for up to a minute. */
  private async call<T = Json>(service: keyof LoadTargets, method: string, path: string, token: string, expected: number, body?: unknown): Promise<T> {
    const deadline = Date.now() + 60_000;
    const key = randomUUID();
    let last: string;
    for (;;) {
      const base = this.targets[service];
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        if (response.status === expected) return (text ? JSON.parse(text) : {}) as T;
        last = `${response.status} ${text.slice(0, 300)}`;
        if (response.status < 500) throw new Error(`${method} ${path} answered ${last}`);
      } catch (error) {
        if ((error as Error).message.includes('answered')) throw error;
        last = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path} failed for a minute: ${last}`);
      await sleep(500);
    }
  }

  private async eventually<T>(probe: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (holds(value)) return value;
      if (Date.now() > deadline) throw new Error(`not reached within a minute: ${JSON.stringify(value).slice(0, 300)}`);
      await sleep(250);
    }
  }
}

export interface PreparedMilestones {
  readonly clientToken: string;
  readonly milestones: readonly { id: string; contractId: string }[];
}

async function inParallel(count: number, width: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
