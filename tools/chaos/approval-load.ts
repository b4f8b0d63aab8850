import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { BillingApiClient, LocalIssuer } from '@mb/devstack';
import { prepareSubmittedMilestones } from '../bench/load';

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


/**
 * Prepares submitted milestones and approves them at a steady rate (open model: approval i is sent
 * at origin + i / rate whatever the earlier answers). An approval that gets no answer, or a 5xx,
 * is sent once more with the same Idempotency-Key (the front then takes it to the other instance
 * when the first is down), as a client with a retry policy would.
 *
 * The preparation is tools/bench's; the sending is the run's own, since it goes on for as long as
 * the faults last and retries an unanswered approval with its key, which the benchmark must not.
 */
export class ApprovalLoad {
  private readonly outcomes: ApprovalOutcome[] = [];

  constructor(
    private readonly targets: LoadTargets,
    private readonly tokens: { service: string; client: (clientId: string) => Promise<string> },
    private readonly say: (line: string) => void,
  ) {}

  /**
   * An all-clients webhook subscription to invoice.issued at `webhookUrl`, then `count` submitted
   * milestones of one client, prepared by tools/bench's load generator (contracts of ten
   * on_approval milestones, activated, each milestone started and submitted).
   */
  async prepare(api: BillingApiClient, issuer: LocalIssuer, count: number, webhookUrl: string): Promise<PreparedMilestones> {
    await this.call('notification', 'POST', '/v1/webhook-subscriptions', this.tokens.service, 201, { url: webhookUrl, events: ['invoice.issued'] });
    const { milestones } = await prepareSubmittedMilestones(api, issuer, {
      count,
      concurrency: 8,
      onProgress: (submitted, total) => this.say(`preparing: ${submitted} of ${total} milestones submitted`),
    });
    const clientId = milestones[0]?.clientId;
    if (clientId === undefined) throw new Error('no milestone prepared');
    this.say(`prepared ${milestones.length} submitted milestones`);
    return { clientToken: await this.tokens.client(clientId), milestones: milestones.map((milestone) => ({ id: milestone.milestoneId, contractId: milestone.contractId })) };
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
}

export interface PreparedMilestones {
  readonly clientToken: string;
  readonly milestones: readonly { id: string; contractId: string }[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
