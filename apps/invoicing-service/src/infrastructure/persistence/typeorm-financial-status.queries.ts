import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { minorUnitsColumn } from '@mb/platform';
import { ContractTermsRepository } from '../../application/ports/contract-terms.repository';
import { contractNotKnown, FinancialStatusQueries } from '../../application/queries/financial-status.queries';
import { financialStatusViewOf, type ContractFinancials, type FinancialStatusView } from '../../application/queries/financial-status.view';

@Injectable()
export class TypeOrmFinancialStatusQueries extends FinancialStatusQueries {
  constructor(
    private readonly unitOfWork: TypeOrmUnitOfWork,
    private readonly contracts: ContractTermsRepository,
  ) {
    super();
  }

  async financialStatus(contractId: string): Promise<FinancialStatusView> {
    const terms = await this.contracts.findById(contractId);
    if (!terms) throw contractNotKnown(contractId);
    return financialStatusViewOf(terms, await this.financialsOf(contractId));
  }

  private async financialsOf(contractId: string): Promise<ContractFinancials> {
    // Raw SQL: an aggregate report (sums over the contract's invoices), which entities do not map.
    // Issued means numbered and standing: drafts owe nothing, a voided invoice no longer stands.
    const [sums] = (await this.unitOfWork.readManager().query(
      `SELECT
         coalesce(sum(total_cents) FILTER (WHERE issued AND kind = 'milestone'), 0) AS billed,
         coalesce(sum(subtotal_cents) FILTER (WHERE issued AND kind = 'milestone'), 0) AS billed_subtotal,
         coalesce(sum(retainage_cents) FILTER (WHERE issued AND kind = 'milestone'), 0) AS withheld,
         coalesce(sum(total_cents) FILTER (WHERE issued AND kind = 'retainage_release'), 0) AS released,
         coalesce(sum(amount_paid_cents) FILTER (WHERE issued), 0) AS paid,
         coalesce(sum(amount_credited_cents) FILTER (WHERE issued), 0) AS credited,
         coalesce(sum(subtotal_cents) FILTER (WHERE status = 'draft'), 0) AS draft_subtotal,
         coalesce(sum(subtotal_cents) FILTER (WHERE status = 'discarded'), 0) AS discarded_subtotal
       FROM (SELECT *, status IN ('open', 'paid', 'uncollectible') AS issued FROM invoicing.invoices WHERE contract_id = $1) AS contract_invoices`,
      [contractId],
    )) as Record<'billed' | 'billed_subtotal' | 'withheld' | 'released' | 'paid' | 'credited' | 'draft_subtotal' | 'discarded_subtotal', string>[];
    return {
      billedCents: minorUnitsOf(sums.billed),
      billedSubtotalCents: minorUnitsOf(sums.billed_subtotal),
      withheldCents: minorUnitsOf(sums.withheld),
      releasedCents: minorUnitsOf(sums.released),
      paidCents: minorUnitsOf(sums.paid),
      creditedCents: minorUnitsOf(sums.credited),
      draftSubtotalCents: minorUnitsOf(sums.draft_subtotal),
      discardedSubtotalCents: minorUnitsOf(sums.discarded_subtotal),
    };
  }
}

/** A sum of bigint minor units, as pg returns it (text), read as the columns are: safely or not at all. */
function minorUnitsOf(sum: string): number {
  return minorUnitsColumn.from(sum);
}
