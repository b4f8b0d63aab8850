// Approvals at a steady rate (open model), each timed twice: to its HTTP answer, and to its
// invoice.issued on Kafka, both from the approval's scheduled instant.
import { performance } from 'node:perf_hooks';
import type { BillingApiClient } from '@mb/devstack';
import type { InvoiceIssuedWatcher } from './invoice-issued-watcher';
import type { SubmittedMilestone } from './milestone-preparation';
import { type OpenModelProgress, runOpenModel } from './open-model';

export interface TimedApproval {
  readonly milestoneId: string;
  /** HTTP status of the approval; 0 when it got no answer. */
  readonly status: number;
  readonly scheduledAt: number;
  readonly answeredAt: number;
  /** When its invoice.issued was seen; undefined when it was not (within the wait). */
  readonly invoicedAt?: number;
}

export interface ApprovalRun {
  readonly rate: number;
  readonly approvals: readonly TimedApproval[];
  readonly startedAt: number;
  readonly lastSentAt: number;
  /** When the last invoice was seen (or the wait gave up). */
  readonly drainedAt: number;
  /** Approvals whose invoice was not seen within the wait. */
  readonly missingInvoices: number;
}

export interface ApproveAtRateOptions {
  readonly approver: BillingApiClient;
  readonly milestones: readonly SubmittedMilestone[];
  readonly rate: number;
  readonly watcher: InvoiceIssuedWatcher;
  /** How long to wait after the last approval for the invoices still missing; 120 s unless told. */
  readonly drainTimeoutMs?: number;
  readonly onProgress?: (line: string) => void;
}

/** Approves every milestone given at `rate` per second (open model) and waits for their invoices. */
export async function approveAtRate(options: ApproveAtRateOptions): Promise<ApprovalRun> {
  const { approver, milestones, rate, watcher } = options;
  const invoicesSeen = () => milestones.reduce((count, milestone) => count + (watcher.issuedFor(milestone.milestoneId) ? 1 : 0), 0);
  const say = (progress: OpenModelProgress) =>
    options.onProgress?.(
      `${rate}/s: ${progress.sent}/${milestones.length} approvals sent, ${progress.answered} answered (${progress.failed} failed), ${invoicesSeen()} invoices, ${(progress.elapsedMs / 1000).toFixed(0)} s`,
    );
  const run = await runOpenModel({
    rate,
    count: milestones.length,
    send: async (index) => (await approver.request('milestone', 'POST', `/v1/milestones/${milestones[index].milestoneId}/approve`)).status,
    onProgress: say,
  });
  const approved = milestones.filter((_, index) => run.requests[index].status === 200).map((milestone) => milestone.milestoneId);
  let missingInvoices = 0;
  try {
    await watcher.waitForAll(approved, options.drainTimeoutMs ?? 120_000, (seen) =>
      options.onProgress?.(`${rate}/s: all approvals answered; waiting for invoices: ${seen}/${approved.length}`),
    );
  } catch {
    missingInvoices = approved.filter((id) => !watcher.issuedFor(id)).length;
  }
  const approvals = run.requests.map((request) => ({
    milestoneId: milestones[request.index].milestoneId,
    status: request.status,
    scheduledAt: request.scheduledAt,
    answeredAt: request.answeredAt,
    invoicedAt: watcher.issuedFor(milestones[request.index].milestoneId)?.seenAt,
  }));
  const lastInvoice = Math.max(run.lastSentAt, ...approvals.map((approval) => approval.invoicedAt ?? 0));
  return { rate, approvals, startedAt: run.startedAt, lastSentAt: run.lastSentAt, drainedAt: missingInvoices > 0 ? performance.now() : lastInvoice, missingInvoices };
}
