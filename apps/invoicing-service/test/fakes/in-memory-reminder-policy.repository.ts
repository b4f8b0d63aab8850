import { type ReminderPolicyScope, ReminderPolicyRepository, type StoredReminderPolicy } from '../../src/application/ports/reminder-policy.repository';

/** Reminder policies by scope; `knownClients` stands for the clients of activated contracts. */
export class InMemoryReminderPolicyRepository extends ReminderPolicyRepository {
  private readonly policies = new Map<string, StoredReminderPolicy>();
  readonly knownClients = new Set<string>();

  async find(scope: ReminderPolicyScope, scopeId: string): Promise<StoredReminderPolicy | null> {
    return this.policies.get(`${scope}/${scopeId}`) ?? null;
  }

  async save(policy: StoredReminderPolicy): Promise<void> {
    this.policies.set(`${policy.scope}/${policy.scopeId}`, policy);
  }

  async remove(scope: ReminderPolicyScope, scopeId: string): Promise<boolean> {
    return this.policies.delete(`${scope}/${scopeId}`);
  }

  async clientKnown(clientId: string): Promise<boolean> {
    return this.knownClients.has(clientId);
  }
}
