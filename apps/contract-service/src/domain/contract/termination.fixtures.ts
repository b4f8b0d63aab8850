import type { TerminationRequest } from './contract';

/** A termination for a reason, effective on the activation day, settling nothing (a schedule whose milestones the test does not look at). */
export function aTermination(reason: string, overrides: Partial<TerminationRequest> = {}): TerminationRequest {
  return {
    reason,
    effectiveDate: '2026-06-01',
    activationDate: null,
    terminatedBy: 'usr_supplier_admin_3',
    settlement: { milestones: [], billedCents: 0, cancelledCents: 0 },
    ...overrides,
  };
}
