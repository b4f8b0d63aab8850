import { Injectable } from '@nestjs/common';
import { CaseDunning } from '../../application/ports/case-dunning.port';
import { CaseRepository } from '../../application/ports/case.repository';

/**
 * Tells the client's open case holding the invoice about its dispute, in the dispute's unit of work.
 *
 * MERGE NOTE (issue 11): the case aggregate's `markInvoiceDisputed(invoiceId)` and
 * `clearInvoiceDispute(invoiceId)` are being added in another branch ("ladder"). Until they land
 * this adapter only finds (and locks) the case and changes nothing; at merge, call those methods on
 * the case found and save it (`this.cases.save(found)`, then publish its events).
 */
@Injectable()
export class TypeOrmCaseDunning extends CaseDunning {
  constructor(private readonly cases: CaseRepository) {
    super();
  }

  async invoiceDisputed(clientId: string, invoiceId: string): Promise<void> {
    const found = await this.cases.findOpenCaseHolding(invoiceId);
    if (!found || found.clientId !== clientId) return;
    // found.markInvoiceDisputed(invoiceId); await this.cases.save(found);  ← at merge
  }

  async invoiceDisputeCleared(clientId: string, invoiceId: string): Promise<void> {
    const found = await this.cases.findOpenCaseHolding(invoiceId);
    if (!found || found.clientId !== clientId) return;
    // found.clearInvoiceDispute(invoiceId); await this.cases.save(found);  ← at merge
  }

  async paymentPlanAgreed(): Promise<void> {
    // joined to the case's holds when the ladder lands (same merge)
  }

  async paymentPlanBroken(): Promise<void> {
    // joined to the case's holds when the ladder lands (same merge)
  }

  async paymentPlanCompleted(): Promise<void> {
    // joined to the case's holds when the ladder lands (same merge)
  }
}
