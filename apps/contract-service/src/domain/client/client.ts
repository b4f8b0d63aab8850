import { DomainRejection, isTimeZone, newId } from '@mb/kernel';

export interface ClientSnapshot {
  readonly id: string;
  readonly name: string;
  readonly apContactEmail: string;
  /** Who approves its delivered milestones (approval requests and reminders); null: its AP contact is asked. */
  readonly approverEmail: string | null;
  /** The client's IANA time zone: its invoices are dated, fall due and fall overdue by its calendar. */
  readonly timeZone: string;
  /** Where its invoices are addressed (the e-invoice's buyer address, EN 16931 BG-8); null when not given. */
  readonly billingAddress: ClientAddress | null;
  /** Its VAT identifier with the country prefix (EN 16931 BT-48); null when not given. */
  readonly vatId: string | null;
  /** Its Peppol participant id, `scheme:identifier` (EN 16931 BT-49, where its e-invoices go); null when not given. */
  readonly peppolId: string | null;
  /** The language its emails are written in (BCP 47, one of CLIENT_LANGUAGES); null: English. */
  readonly language: string | null;
  readonly createdAt: Date;
  readonly version: number;
}

export interface ClientAddress {
  readonly street: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly countryCode: string;
}

/** The languages a client's emails can be written in: notification-service has its templates in these. */
export const CLIENT_LANGUAGES = ['en', 'de'] as const;

const COUNTRY_CODE = /^[A-Z]{2}$/;
// EN 16931 BR-CO-9: a VAT identifier starts with its country's ISO code (EL for Greece).
const VAT_ID = /^[A-Z]{2}[A-Za-z0-9+*.-]{2,14}$/;
// An EAS scheme code (0088 GLN, 0060 DUNS, 9930 German VAT …), a colon and the identifier.
const PEPPOL_ID = /^[0-9A-Z]{2,4}:[^\s:]{1,64}$/;

// Deliberately loose: the API's DTO checks the full address syntax; the domain keeps the invariant
// that there is one mailbox with a domain.
const MAILBOX = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// IANA's geographic Area/Location names and UTC. Abbreviations and legacy names the runtime also
// knows are refused: "EST" resolves to America/Panama (no daylight saving) and "PST" or "CET" say
// less than the zone the client is in, so a client is asked for the zone itself.
const ZONE_NAME = /^(UTC|(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)(\/[A-Za-z0-9_+-]+)+)$/;

/** Whether `zone` is a time zone a client can be in: an IANA Area/Location name the runtime knows, or UTC. */
export function isClientTimeZone(zone: string): boolean {
  return ZONE_NAME.test(zone) && isTimeZone(zone);
}

/**
 * The party a contract bills, with the accounts-payable contact that receives its invoices, the
 * approver who answers for its delivered milestones (when it names one) and the
 * time zone its business dates are kept in (issue 9 "Business dates in the client's time zone").
 */
export class Client {
  private constructor(private state: ClientSnapshot) {}

  static register(
    input: {
      name: string;
      apContactEmail: string;
      approverEmail?: string | null;
      timeZone: string;
      billingAddress?: ClientAddress | null;
      vatId?: string | null;
      peppolId?: string | null;
      language?: string | null;
    },
    now: Date,
  ): Client {
    const name = input.name.trim();
    if (name.length === 0) throw new DomainRejection('invalid', 'client.name_required', 'a client needs a name', 'name');
    const apContactEmail = input.apContactEmail.trim();
    if (!MAILBOX.test(apContactEmail)) {
      throw new DomainRejection('invalid', 'client.invalid_ap_contact_email', `${apContactEmail} is not an email address`, 'ap_contact_email');
    }
    const approverEmail = input.approverEmail?.trim() || null;
    if (approverEmail !== null && !MAILBOX.test(approverEmail)) {
      throw new DomainRejection('invalid', 'client.invalid_approver_email', `${approverEmail} is not an email address`, 'approver_email');
    }
    const timeZone = input.timeZone.trim();
    if (!isClientTimeZone(timeZone)) {
      throw new DomainRejection('invalid', 'client.invalid_time_zone', `${timeZone} is not an IANA time zone (such as America/Los_Angeles)`, 'time_zone');
    }
    const billingAddress = input.billingAddress ?? null;
    if (billingAddress !== null && !COUNTRY_CODE.test(billingAddress.countryCode)) {
      throw new DomainRejection('invalid', 'client.invalid_country_code', `${billingAddress.countryCode} is not an ISO 3166-1 alpha-2 country code (such as US or DE)`, 'billing_address.country_code');
    }
    const vatId = input.vatId?.trim() || null;
    if (vatId !== null && !VAT_ID.test(vatId)) {
      throw new DomainRejection('invalid', 'client.invalid_vat_number', `${vatId} is not a VAT identifier prefixed with its country code (such as DE123456789)`, 'vat_number');
    }
    const peppolId = input.peppolId?.trim() || null;
    if (peppolId !== null && !PEPPOL_ID.test(peppolId)) {
      throw new DomainRejection('invalid', 'client.invalid_peppol_participant', `${peppolId} is not a Peppol participant id, scheme:identifier (such as 0060:123456789)`, 'peppol_participant');
    }
    const language = input.language?.trim().toLowerCase() || null;
    if (language !== null && !(CLIENT_LANGUAGES as readonly string[]).includes(language)) {
      throw new DomainRejection('invalid', 'client.unsupported_language', `${language} is not a language the client's emails can be written in (${CLIENT_LANGUAGES.join(', ')})`, 'language');
    }
    return new Client({ id: newId('cli', now.getTime()), name, apContactEmail, approverEmail, timeZone, billingAddress, vatId, peppolId, language, createdAt: now, version: 0 });
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

  get approverEmail(): string | null {
    return this.state.approverEmail;
  }

  get timeZone(): string {
    return this.state.timeZone;
  }

  snapshot(): ClientSnapshot {
    return { ...this.state };
  }
}
