import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Clock, DomainRejection, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { caseNotFound } from '../../domain/case/case.errors';
import { type AgencyRecovery, AgencyRecoveryRepository, netCentsOf } from '../ports/agency-recovery.repository';
import { CaseRepository } from '../ports/case.repository';
import { Receivables } from '../ports/receivables.port';

export interface RecordAgencyRecovery {
  readonly caseId: string;
  /** What the agency recovered from the client: the payment recorded in invoicing. */
  readonly grossCents: number;
  /** The agency's fee out of it: kept here, it does not lower what the client owes any less. */
  readonly agencyFeeCents: number;
  readonly currency: string;
  readonly receivedOn: string;
  /** The agency's reference: one recovery per case and reference. */
  readonly externalReference: string;
  readonly by: string;
}

export const AgencyRecoveryErrors = {
  notHandedOff: (caseId: string, status: string) =>
    new DomainRejection('conflict', 'agency_recovery.case_not_handed_off', `case ${caseId} is ${status}: only a case handed off to an agency takes agency recoveries`),
  feeExceedsGross: () => new DomainRejection('invalid', 'agency_recovery.fee_exceeds_gross', 'agency_fee_cents must not exceed amount_cents', 'agency_fee_cents'),
  currencyNotInCase: (caseId: string, currency: string) =>
    new DomainRejection('invalid', 'agency_recovery.currency_not_in_case', `case ${caseId} has no invoice in ${currency}`, 'currency'),
  referenceReused: (caseId: string, reference: string) =>
    new DomainRejection('conflict', 'agency_recovery.duplicate_reference', `case ${caseId} already has an agency recovery ${reference} with other amounts`, 'external_reference'),
};

/**
 * Records money an agency recovered on a handed-off case (issue 11 item 6): the gross becomes the
 * client's payment in invoicing (which allocates it and settles invoices, and whose payment.recorded
 * lowers the case like any payment), and the agency's fee is kept here, apart, with
 * collections.agency_recovery_recorded (gross, fee, net).
 *
 * Exactly once under retries: the payment is asked for with an Idempotency-Key derived from the case
 * and the agency's reference, so a retry (after a timeout, or a crash before the recovery was saved)
 * gets invoicing's first answer back rather than a second payment; the recovery row is unique on
 * the same pair, and a recovery already recorded is answered as it stands.
 */
@Injectable()
export class RecordAgencyRecoveryHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly recoveries: AgencyRecoveryRepository,
    private readonly receivables: Receivables,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordAgencyRecovery): Promise<AgencyRecovery> {
    if (command.agencyFeeCents > command.grossCents) throw AgencyRecoveryErrors.feeExceedsGross();
    const existing = await this.recoveries.findByReference(command.caseId, command.externalReference);
    if (existing) return sameRecovery(existing, command);

    const collectionsCase = await this.cases.findById(command.caseId);
    if (!collectionsCase) throw caseNotFound(command.caseId);
    const snapshot = collectionsCase.snapshot();
    // A closed case took its last recovery already; an open one is still dunned by collections itself.
    if (snapshot.status !== 'handed_off' || !snapshot.handOff) throw AgencyRecoveryErrors.notHandedOff(snapshot.id, snapshot.status);
    if (!snapshot.invoices.some((invoice) => invoice.currency === command.currency)) throw AgencyRecoveryErrors.currencyNotInCase(snapshot.id, command.currency);

    const { paymentId } = await this.receivables.recordAgencyPayment({
      clientId: snapshot.clientId,
      amountCents: command.grossCents,
      currency: command.currency,
      receivedOn: command.receivedOn,
      externalReference: command.externalReference,
      idempotencyKey: agencyPaymentKey(snapshot.id, command.externalReference),
    });

    const recovery: AgencyRecovery = {
      id: newId('rcv'),
      caseId: snapshot.id,
      agency: snapshot.handOff.agency,
      paymentId,
      currency: command.currency,
      grossCents: command.grossCents,
      agencyFeeCents: command.agencyFeeCents,
      receivedOn: command.receivedOn,
      externalReference: command.externalReference,
      recordedBy: command.by,
      recordedAt: this.clock.now(),
    };
    return this.unitOfWork.run(async () => {
      if ((await this.recoveries.addOnce(recovery)) === 'duplicate') {
        const recorded = await this.recoveries.findByReference(command.caseId, command.externalReference);
        if (!recorded) throw new Error(`agency recovery ${command.externalReference} of case ${command.caseId} vanished`);
        return sameRecovery(recorded, command);
      }
      await this.outbox.record('collections.agency_recovery_recorded', {
          recovery_id: recovery.id,
          case_id: recovery.caseId,
          client_id: snapshot.clientId,
          agency: recovery.agency,
          payment_id: recovery.paymentId,
          currency: recovery.currency,
          gross_cents: recovery.grossCents,
          agency_fee_cents: recovery.agencyFeeCents,
          net_cents: netCentsOf(recovery),
          received_on: recovery.receivedOn,
          external_reference: recovery.externalReference,
          recorded_at: recovery.recordedAt.toISOString(),
      });
      return recovery;
    });
  }
}

/** The recovery already recorded under the reference, if the request is the same one again. */
function sameRecovery(existing: AgencyRecovery, command: RecordAgencyRecovery): AgencyRecovery {
  const same = existing.grossCents === command.grossCents && existing.agencyFeeCents === command.agencyFeeCents && existing.currency === command.currency && existing.receivedOn === command.receivedOn;
  if (!same) throw AgencyRecoveryErrors.referenceReused(existing.caseId, existing.externalReference);
  return existing;
}

/** Invoicing's Idempotency-Key for the recovery's payment: the same for the same case and agency reference. */
export function agencyPaymentKey(caseId: string, externalReference: string): string {
  return `agency-recovery-${createHash('sha256').update(`${caseId}\n${externalReference}`).digest('hex').slice(0, 40)}`;
}
