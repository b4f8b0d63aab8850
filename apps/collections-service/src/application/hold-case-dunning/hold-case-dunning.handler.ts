import { Injectable } from '@nestjs/common';
import type { CollectionsCase } from '../../domain/case/case';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CaseDunning } from '../ports/case-dunning.port';
import { CaseRepository } from '../ports/case.repository';

/**
 * What disputes and payment plans do to the client's case, in their unit of work: the case is
 * loaded locked, changed through its own methods and kept through CaseChanges, so its events go out
 * and its ladder timer follows (a held case's timer is cancelled, a resumed one set again).
 */
@Injectable()
export class HoldCaseDunningHandler extends CaseDunning {
  constructor(
    private readonly cases: CaseRepository,
    private readonly changes: CaseChanges,
  ) {
    super();
  }

  async invoiceDisputed(clientId: string, invoiceId: string): Promise<void> {
    const found = await this.openCaseHolding(clientId, invoiceId);
    if (found?.markInvoiceDisputed(invoiceId)) await this.changes.changed(found);
  }

  async invoiceDisputeCleared(clientId: string, invoiceId: string): Promise<void> {
    const found = await this.openCaseHolding(clientId, invoiceId);
    if (found?.clearInvoiceDispute(invoiceId)) await this.changes.changed(found);
  }

  /** An agreed plan holds the ladder; a case already held by a plan (one in another currency) stays held once. */
  async paymentPlanAgreed(caseId: string, planId: string, now: Date): Promise<void> {
    const found = await this.cases.findByIdForUpdate(caseId);
    if (!found?.isOpen || found.snapshot().holds.some((hold) => hold.kind === 'payment_plan')) return;
    found.placeHold({ kind: 'payment_plan', reference: planId }, now);
    await this.changes.changed(found);
  }

  /** A broken plan lifts its hold and moves the case one stage up, with that stage's letter. */
  async paymentPlanBroken(caseId: string, _planId: string, now: Date): Promise<void> {
    await this.lift(caseId, now, true);
  }

  /** A completed plan lifts its hold; the case closes from the payments once nothing is owed. */
  async paymentPlanCompleted(caseId: string, _planId: string, now: Date): Promise<void> {
    await this.lift(caseId, now, false);
  }

  private async lift(caseId: string, now: Date, escalate: boolean): Promise<void> {
    const found = await this.cases.findByIdForUpdate(caseId);
    if (found?.liftHold('payment_plan', now, { escalate })) await this.changes.changed(found);
  }

  private async openCaseHolding(clientId: string, invoiceId: string): Promise<CollectionsCase | null> {
    const found = await this.cases.findOpenCaseHolding(invoiceId);
    if (!found || found.clientId !== clientId) return null;
    // locked, like every other change of a case
    return this.cases.findByIdForUpdate(found.id);
  }
}
