import { Injectable } from '@nestjs/common';
import { type CaseFileDocument, jsonDocument } from '../../domain/case-file/case-file';
import { type CaseFileContext, CaseFileSection } from '../../application/ports/case-file.port';

/**
 * Collections' own record of the case (case.json): its invoices with what is owed on each, the
 * balances per currency, and the hand-off (to whom, why, by whom, when). Disputes, promises and
 * payment plans join here, or as sections of their own, once the case keeps them.
 */
@Injectable()
export class CaseRecordSection extends CaseFileSection {
  readonly name = 'case';

  async collect({ collectionsCase, handOff }: CaseFileContext): Promise<CaseFileDocument[]> {
    const balances: Record<string, number> = {};
    for (const invoice of collectionsCase.invoices) if (invoice.balanceCents > 0) balances[invoice.currency] = (balances[invoice.currency] ?? 0) + invoice.balanceCents;
    return [
      jsonDocument('case.json', {
        case_id: collectionsCase.id,
        client_id: collectionsCase.clientId,
        stage: collectionsCase.stage,
        opened_at: collectionsCase.openedAt.toISOString(),
        balances: Object.entries(balances)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, balanceCents]) => ({ currency, balance_cents: balanceCents })),
        invoices: collectionsCase.invoices.map((invoice) => ({
          invoice_id: invoice.invoiceId,
          invoice_number: invoice.invoiceNumber,
          contract_id: invoice.contractId,
          currency: invoice.currency,
          amount_due_cents: invoice.amountDueCents,
          balance_cents: invoice.balanceCents,
          due_date: invoice.dueDate,
        })),
        hand_off: { agency: handOff.agency, reason: handOff.reason, handed_off_by: handOff.by, handed_off_at: handOff.at.toISOString() },
      }),
    ];
  }
}
