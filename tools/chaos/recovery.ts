/** A fault as the run injected it, on the run's clock (ms since its origin). */
export interface InjectedFault {
  readonly name: string;
  readonly startedAt: number;
  /** When the fault was over: the process restarted, the broker or database back, the role writable again. */
  readonly endedAt: number;
}

export interface FlowSample {
  /** Instants (ms since origin) at which approvals were accepted (2xx). */
  readonly approvalsAccepted: readonly number[];
  /** Instants (ms since origin) at which invoice.issued reached Kafka. */
  readonly invoicesIssued: readonly number[];
}

export interface FaultRecovery extends InjectedFault {
  /**
   * From the fault's end to the first second from which approvals are accepted and invoices issued
   * at the steady rate again; 0 when the flow never dropped below it; undefined when it never came back.
   */
  readonly recoveryMs?: number;
}

/** A window counts as full flow when both counts reach this share of what the steady rate gives in it. */
export const FULL_FLOW_SHARE = 0.8;
/** The window judged: long enough that the jitter of answers across second boundaries evens out. */
export const FULL_FLOW_SECONDS = 3;

/**
 * Recovery time per fault: from the fault's end to the first whole second at or after it that
 * begins a window of FULL_FLOW_SECONDS in which at least FULL_FLOW_SHARE of the steady rate's
 * approvals were accepted and as many invoices issued. Windows reaching past `loadEndsAt` are not
 * judged (no approvals are offered then).
 */
export function recoveryPerFault(faults: readonly InjectedFault[], flow: FlowSample, ratePerSecond: number, loadEndsAt: number): FaultRecovery[] {
  const accepted = perSecond(flow.approvalsAccepted);
  const issued = perSecond(flow.invoicesIssued);
  const needed = ratePerSecond * FULL_FLOW_SECONDS * FULL_FLOW_SHARE;
  const windowSum = (counts: Map<number, number>, first: number) => {
    let sum = 0;
    for (let second = first; second < first + FULL_FLOW_SECONDS; second += 1) sum += counts.get(second) ?? 0;
    return sum;
  };
  const lastStart = Math.floor(loadEndsAt / 1000) - FULL_FLOW_SECONDS;
  return faults.map((fault) => {
    for (let second = Math.floor(fault.endedAt / 1000); second <= lastStart; second += 1) {
      if (windowSum(accepted, second) >= needed && windowSum(issued, second) >= needed) return { ...fault, recoveryMs: Math.max(0, second * 1000 - fault.endedAt) };
    }
    return { ...fault, recoveryMs: undefined };
  });
}

/** How many of the instants fall in each whole second (key: the second's number). */
export function perSecond(instants: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const instant of instants) {
    const second = Math.floor(instant / 1000);
    counts.set(second, (counts.get(second) ?? 0) + 1);
  }
  return counts;
}
