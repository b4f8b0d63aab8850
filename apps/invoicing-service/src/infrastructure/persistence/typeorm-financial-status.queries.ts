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
    // Standing means issued and not voided: drafts owe nothing, a voided invoice no longer stands. A
    // credited invoice was billed and then credited: it counts in billed and in credited. Each
    // invoice brings the retainage its credit notes gave back and the retainage a release billed.
    const [sums] = (await this.unitOfWork.readManager().query(
      `WITH contract_invoices AS (
         SELECT invoice.*,
                invoice.status IN ('open', 'paid', 'credited', 'uncollectible') AS standing,
                coalesce((SELECT sum(note.retainage_cents) FROM invoicing.credit_notes note WHERE note.invoice_id = invoice.id), 0) AS retainage_credited,
                coalesce((SELECT sum(release.retainage_cents) FROM invoicing.retainage_releases release WHERE release.released_invoice_id = invoice.id), 0) AS retainage_released
           FROM invoicing.invoices invoice WHERE invoice.contract_id = $1)
       SELECT
         coalesce(sum(total_cents) FILTER (WHERE standing AND kind = 'milestone'), 0) AS billed,
         coalesce(sum(subtotal_cents) FILTER (WHERE standing AND kind = 'milestone'), 0) AS billed_subtotal,
         coalesce(sum(retainage_cents) FILTER (WHERE standing AND kind = 'milestone'), 0) AS withheld,
         coalesce(sum(retainage_credited) FILTER (WHERE standing AND kind = 'milestone'), 0) AS retainage_credited,
         coalesce(sum(retainage_cents - retainage_credited - retainage_released) FILTER (WHERE status = 'uncollectible' AND kind = 'milestone'), 0) AS retainage_written_off,
         coalesce(sum(total_cents) FILTER (WHERE standing AND kind = 'retainage_release'), 0) AS released,
         coalesce(sum(amount_paid_cents) FILTER (WHERE standing), 0) AS paid,
         coalesce(sum(amount_credited_cents) FILTER (WHERE standing), 0) AS credited,
         coalesce(sum(amount_written_off_cents) FILTER (WHERE standing), 0) AS written_off,
         coalesce(sum(payable_cents - amount_paid_cents - amount_credited_cents) FILTER (WHERE status = 'open'), 0) AS outstanding,
         coalesce(sum(subtotal_cents) FILTER (WHERE status = 'draft'), 0) AS draft_subtotal,
         coalesce(sum(subtotal_cents) FILTER (WHERE status = 'discarded'), 0) AS discarded_subtotal,
         coalesce(sum(cancelled_subtotal_cents) FILTER (WHERE standing AND kind = 'milestone'), 0) AS share_cancelled
       FROM contract_invoices`,
      [contractId],
    )) as Record<
      | 'billed'
      | 'billed_subtotal'
      | 'withheld'
      | 'retainage_credited'
      | 'retainage_written_off'
      | 'released'
      | 'paid'
      | 'credited'
      | 'written_off'
      | 'outstanding'
      | 'draft_subtotal'
      | 'discarded_subtotal'
      | 'share_cancelled',
      string
    >[];
    return {
      billedCents: minorUnitsOf(sums.billed),
      billedSubtotalCents: minorUnitsOf(sums.billed_subtotal),
      withheldCents: minorUnitsOf(sums.withheld),
      retainageCreditedCents: minorUnitsOf(sums.retainage_credited),
      retainageWrittenOffCents: minorUnitsOf(sums.retainage_written_off),
      releasedCents: minorUnitsOf(sums.released),
      paidCents: minorUnitsOf(sums.paid),
      creditedCents: minorUnitsOf(sums.credited),
      writtenOffCents: minorUnitsOf(sums.written_off),
      outstandingCents: minorUnitsOf(sums.outstanding),
      draftSubtotalCents: minorUnitsOf(sums.draft_subtotal),
      discardedSubtotalCents: minorUnitsOf(sums.discarded_subtotal),
      shareCancelledCents: minorUnitsOf(sums.share_cancelled),
    };
  }
}

/** A sum of bigint minor units, as pg returns it (text), read as the columns are: safely or not at all. */
function minorUnitsOf(sum: string): number {
  return minorUnitsColumn.from(sum);
}
