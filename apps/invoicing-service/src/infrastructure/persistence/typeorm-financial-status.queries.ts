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
    // Issued means numbered and standing: drafts owe nothing, a voided invoice no longer stands. A
    // credited invoice was billed and then credited: it counts in billed and in credited.
    const [sums] = (await this.unitOfWork.readManager().query(
      `SELECT coalesce(sum(total_cents), 0) AS billed, coalesce(sum(subtotal_cents), 0) AS billed_subtotal,
              coalesce(sum(amount_paid_cents), 0) AS paid, coalesce(sum(amount_credited_cents), 0) AS credited,
              coalesce(sum(amount_written_off_cents), 0) AS written_off
         FROM invoicing.invoices WHERE contract_id = $1 AND status IN ('open', 'paid', 'credited', 'uncollectible')`,
      [contractId],
    )) as { billed: string; billed_subtotal: string; paid: string; credited: string; written_off: string }[];
    return {
      billedCents: minorUnitsOf(sums.billed),
      billedSubtotalCents: minorUnitsOf(sums.billed_subtotal),
      paidCents: minorUnitsOf(sums.paid),
      creditedCents: minorUnitsOf(sums.credited),
      writtenOffCents: minorUnitsOf(sums.written_off),
    };
  }
}

/** A sum of bigint minor units, as pg returns it (text), read as the columns are: safely or not at all. */
function minorUnitsOf(sum: string): number {
  return minorUnitsColumn.from(sum);
}
