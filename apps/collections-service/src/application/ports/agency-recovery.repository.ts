/** Money an agency recovered on a handed-off case: the gross paid in invoicing, the fee kept here. */
export interface AgencyRecovery {
  readonly id: string;
  readonly caseId: string;
  readonly agency: string;
  /** The payment invoicing recorded for the gross. */
  readonly paymentId: string;
  readonly currency: string;
  readonly grossCents: number;
  readonly agencyFeeCents: number;
  /** YYYY-MM-DD. */
  readonly receivedOn: string;
  readonly externalReference: string;
  readonly recordedBy: string;
  readonly recordedAt: Date;
}

export function netCentsOf(recovery: Pick<AgencyRecovery, 'grossCents' | 'agencyFeeCents'>): number {
  return recovery.grossCents - recovery.agencyFeeCents;
}

/** Agency recoveries, one per case and agency reference; writes join the open unit of work. */
export abstract class AgencyRecoveryRepository {
  /** Saves it unless the case already has one with its reference: 'duplicate' then, nothing written. */
  abstract addOnce(recovery: AgencyRecovery): Promise<'added' | 'duplicate'>;
  abstract findByReference(caseId: string, externalReference: string): Promise<AgencyRecovery | null>;
  /** The case's recoveries, oldest first. */
  abstract ofCase(caseId: string): Promise<AgencyRecovery[]>;
}
