import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { type EffectiveReminderPolicy, effectiveReminderPolicy, type ReminderPolicy, reminderPolicyOf, ReminderPolicyErrors } from '../../domain/payment-reminder/reminder-policy';
import { PaymentReminderScheduler } from '../ports/payment-reminder-scheduler.port';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { InvoiceRepository } from '../ports/invoice.repository';
import { type OpenInvoiceScope, PaymentReminderRepository } from '../ports/payment-reminder.repository';
import { type ReminderPolicyScope, ReminderPolicyRepository, type StoredReminderPolicy } from '../ports/reminder-policy.repository';

/** A client's or contract's reminder policy as the API shows it: the one that applies, and where it comes from. */
export interface ReminderPolicyView extends EffectiveReminderPolicy {
  readonly scope: ReminderPolicyScope;
  readonly scopeId: string;
  /** When the policy set on this scope was last changed; null when none is set here (inherited). */
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

export interface SetReminderPolicyCommand {
  readonly scope: ReminderPolicyScope;
  readonly scopeId: string;
  readonly beforeDueDays: number;
  readonly onDue: boolean;
  readonly afterDueDays: readonly number[];
  readonly actor: string | null;
}

/**
 * Reminder policies per client and per contract (issue 11 item 1): read, set and removed. Setting
 * or removing one replans, in the same unit of work, the pending reminders of the open invoices it
 * governs (a client's: those of its contracts without a policy of their own), so a change applies
 * to invoices already issued, not only to the next ones. Reminders already sent stay sent.
 */
@Injectable()
export class ReminderPoliciesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policies: ReminderPolicyRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly invoices: InvoiceRepository,
    private readonly reminders: PaymentReminderRepository,
    private readonly planner: PaymentReminderScheduler,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async get(scope: ReminderPolicyScope, scopeId: string): Promise<ReminderPolicyView> {
    const clientId = await this.knownClientOf(scope, scopeId);
    return this.viewOf(scope, scopeId, clientId);
  }

  async set(command: SetReminderPolicyCommand): Promise<ReminderPolicyView> {
    const policy: ReminderPolicy = reminderPolicyOf(command);
    return this.unitOfWork.run(async () => {
      const clientId = await this.knownClientOf(command.scope, command.scopeId);
      const stored: StoredReminderPolicy = { scope: command.scope, scopeId: command.scopeId, policy, updatedAt: this.clock.now(), updatedBy: command.actor };
      await this.policies.save(stored);
      await this.replan(command.scope === 'client' ? { clientId: command.scopeId } : { contractId: command.scopeId });
      return this.viewOf(command.scope, command.scopeId, clientId);
    });
  }

  /** Removes the policy set on the scope (it inherits again); answers the policy that now applies. */
  async remove(scope: ReminderPolicyScope, scopeId: string): Promise<ReminderPolicyView> {
    return this.unitOfWork.run(async () => {
      const clientId = await this.knownClientOf(scope, scopeId);
      if (await this.policies.remove(scope, scopeId)) await this.replan(scope === 'client' ? { clientId: scopeId } : { contractId: scopeId });
      return this.viewOf(scope, scopeId, clientId);
    });
  }

  /** The client the scope belongs to; a scope invoicing does not know is refused (404). */
  private async knownClientOf(scope: ReminderPolicyScope, scopeId: string): Promise<string> {
    if (scope === 'contract') {
      const contract = await this.contracts.findById(scopeId);
      if (!contract) throw ReminderPolicyErrors.contractNotFound(scopeId);
      return contract.clientId;
    }
    if (!(await this.policies.clientKnown(scopeId))) throw ReminderPolicyErrors.clientNotFound(scopeId);
    return scopeId;
  }

  private async viewOf(scope: ReminderPolicyScope, scopeId: string, clientId: string): Promise<ReminderPolicyView> {
    const own = await this.policies.find(scope, scopeId);
    const contractPolicy = scope === 'contract' ? own : null;
    const clientPolicy = scope === 'client' ? own : await this.policies.find('client', clientId);
    return { scope, scopeId, ...effectiveReminderPolicy(contractPolicy?.policy ?? null, clientPolicy?.policy ?? null), updatedAt: own?.updatedAt ?? null, updatedBy: own?.updatedBy ?? null };
  }

  private async replan(scope: OpenInvoiceScope): Promise<void> {
    for (const invoiceId of await this.reminders.openInvoicesOf(scope)) {
      const invoice = await this.invoices.findById(invoiceId, { forUpdate: true });
      if (invoice) await this.planner.planFor(invoice);
    }
  }
}
