import { LOCAL_SERVICES } from '@mb/devstack';

/** A fault the run injects, held for `holdMs` where it is held (a freeze, a read-only spell). */
export type PlannedFault =
  | { readonly kind: 'sigkill'; readonly serviceName: string; readonly replica: number }
  | { readonly kind: 'sigstop-relay-leader'; readonly serviceName: string; readonly holdMs: number }
  | { readonly kind: 'kafka-restart' }
  | { readonly kind: 'postgres-restart' }
  | { readonly kind: 'read-only-role'; readonly serviceName: string; readonly holdMs: number };

export function faultName(fault: PlannedFault): string {
  switch (fault.kind) {
    case 'sigkill':
      return `SIGKILL ${fault.serviceName}#${fault.replica}, restart`;
    case 'sigstop-relay-leader':
      return `SIGSTOP ${fault.serviceName}'s relay leader ${fault.holdMs / 1000} s`;
    case 'kafka-restart':
      return 'Kafka broker restart';
    case 'postgres-restart':
      return 'PostgreSQL restart';
    case 'read-only-role':
      return `${fault.serviceName}'s role read-only ${fault.holdMs / 1000} s`;
  }
}

/**
 * The faults in the order the run injects them. The full run kills every instance of every
 * service in turn, freezes a relay leader for 60 s, then restarts the broker and the database and
 * makes invoicing's role read-only for 20 s. The short run (the test command's) has one fault of
 * each kind, the freeze shortened to 20 s so that all fit in two minutes.
 */
export function faultPlan(short: boolean): PlannedFault[] {
  const kills: PlannedFault[] = short
    ? [{ kind: 'sigkill', serviceName: 'invoicing-service', replica: 0 }]
    : [0, 1].flatMap((replica) => LOCAL_SERVICES.map((service): PlannedFault => ({ kind: 'sigkill', serviceName: service.name, replica })));
  return [
    ...kills,
    { kind: 'sigstop-relay-leader', serviceName: 'milestone-service', holdMs: short ? 20_000 : 60_000 },
    { kind: 'kafka-restart' },
    { kind: 'postgres-restart' },
    { kind: 'read-only-role', serviceName: 'invoicing-service', holdMs: 20_000 },
  ];
}

/** A fault's expected duration (the hold, or a typical restart), to space the faults over the run. */
export function expectedFaultMs(fault: PlannedFault): number {
  switch (fault.kind) {
    case 'sigkill':
      return 8_000;
    case 'sigstop-relay-leader':
    case 'read-only-role':
      return fault.holdMs;
    case 'kafka-restart':
      return 10_000;
    case 'postgres-restart':
      return 3_000;
  }
}

/**
 * The pause after each fault: the run's time less a lead-in, the faults and a tail, shared evenly,
 * and never under `minimumMs` (a run too short for its plan simply runs over).
 */
export function pauseBetweenFaults(plan: readonly PlannedFault[], runMs: number, leadMs: number, minimumMs: number): number {
  const faultsMs = plan.reduce((sum, fault) => sum + expectedFaultMs(fault), 0);
  return Math.max(minimumMs, Math.floor((runMs - leadMs - faultsMs) / plan.length));
}
