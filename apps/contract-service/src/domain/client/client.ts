import { DomainRejection, newId } from '@mb/kernel';

export interface ClientSnapshot {
  readonly id: string;
  readonly name: string;
  readonly apContactEmail: string;
  readonly createdAt: Date;
  readonly version: number;
}

// Deliberately loose: the API's DTO checks the full address syntax; the domain keeps the invariant
// that there is one mailbox with a domain.
const MAILBOX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The party a contract bills, with the accounts-payable contact that receives its invoices. */
export class Client {
  private constructor(private state: ClientSnapshot) {}

  static register(input: { name: string; apContactEmail: string }, now: Date): Client {
    const name = input.name.trim();
    if (name.length === 0) throw new DomainRejection('invalid', 'client.name_required', 'a client needs a name', 'name');
    const apContactEmail = input.apContactEmail.trim();
    if (!MAILBOX.test(apContactEmail)) {
      throw new DomainRejection('invalid', 'client.invalid_ap_contact_email', `${apContactEmail} is not an email address`, 'ap_contact_email');
    }
    return new Client({ id: newId('cli', now.getTime()), name, apContactEmail, createdAt: now, version: 0 });
  }

  static restore(snapshot: ClientSnapshot): Client {
    return new Client(snapshot);
  }

  get id(): string {
    return this.state.id;
  }

  get name(): string {
    return this.state.name;
  }

  get apContactEmail(): string {
    return this.state.apContactEmail;
  }

  snapshot(): ClientSnapshot {
    return { ...this.state };
  }
}
