import { ReceivablesReportSource, type ReceivablesScope, type UnbilledContract } from '../../src/application/ports/receivables-report.port';
import type { OpenBalance } from '../../src/domain/receivables/aging';
import type { PaymentHabit, PendingDraft } from '../../src/domain/receivables/cash-forecast';
import type { PeriodReceivables } from '../../src/domain/receivables/collection-ratios';

/** A report source answering fixed figures, and remembering what it was asked. */
export class FixedReceivablesReportSource extends ReceivablesReportSource {
  readonly periodsAsked: { from: string; to: string; scope: ReceivablesScope }[] = [];
  readonly scopesAsked: ReceivablesScope[] = [];

  constructor(
    private readonly figures: {
      balances?: OpenBalance[];
      periods?: Omit<PeriodReceivables, 'days'>[];
      contracts?: UnbilledContract[];
      habits?: PaymentHabit[];
      drafts?: PendingDraft[];
    } = {},
  ) {
    super();
  }

  async openBalances(scope: ReceivablesScope): Promise<OpenBalance[]> {
    this.scopesAsked.push(scope);
    return (this.figures.balances ?? []).filter((balance) => (scope.clientId ?? balance.clientId) === balance.clientId);
  }

  async periodReceivables(from: string, to: string, scope: ReceivablesScope): Promise<Omit<PeriodReceivables, 'days'>[]> {
    this.periodsAsked.push({ from, to, scope });
    return this.figures.periods ?? [];
  }

  async unbilledContracts(_scope: ReceivablesScope, afterId: string | null, limit: number): Promise<UnbilledContract[]> {
    return (this.figures.contracts ?? []).filter((contract) => afterId === null || contract.contractId > afterId).slice(0, limit);
  }

  async paymentHabits(): Promise<PaymentHabit[]> {
    return this.figures.habits ?? [];
  }

  async draftPipeline(): Promise<PendingDraft[]> {
    return this.figures.drafts ?? [];
  }
}
