import { ConfigOf, ConfigRuleError, ConfigSchema, type ConfigVariable, serviceConfigSchema } from '@mb/platform';
import { TEXT_LIMITS } from '@mb/events';
import type { SellerIdentity } from './domain/documents/seller-identity';
import type { LocalTimeOfDay } from './domain/payment-reminder/reminder-schedule';

/**
 * A seller detail with a local-development example as its default, so that a laptop runs without
 * setting any: the default never overrides a value the environment sets (readConfig uses it only
 * when the variable is absent), and NODE_ENV=production refuses to start on the example, so a real
 * deployment never issues invoices naming a made-up seller or bank account.
 */
function sellerDetail(variable: string, description: string, example: string, check?: (raw: string) => string | null): ConfigVariable<string> {
  return {
    description: `${description} (local default: ${example}; NODE_ENV=production requires it set)`,
    defaultValue: example,
    parse(raw, environment) {
      const value = raw.trim();
      if (environment[variable] === undefined && environment.NODE_ENV === 'production') {
        throw new ConfigRuleError(`must be set when NODE_ENV=production (the default, "${example}", is a local example)`);
      }
      const broken = check?.(value);
      if (broken) throw new ConfigRuleError(broken);
      return value;
    },
  };
}

function optionalSellerDetail(description: string, check?: (raw: string) => string | null): ConfigVariable<string | undefined> {
  return {
    description,
    optional: true,
    parse(raw) {
      const broken = check?.(raw.trim());
      if (broken) throw new ConfigRuleError(broken);
      return raw.trim();
    },
  };
}

/** ISO 13616 check digits: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

const countryCode = (raw: string) => (/^[A-Z]{2}$/.test(raw) ? null : `must be an ISO 3166-1 alpha-2 country code in upper case, such as DE or US (got "${raw}")`);
// EN 16931 BR-CO-9: a VAT identifier starts with its country's ISO code (EL for Greece).
const vatId = (raw: string) => (/^[A-Z]{2}[A-Za-z0-9+*.-]{2,14}$/.test(raw) ? null : `must be a VAT identifier prefixed with its country code, such as DE123456789 (got "${raw}")`);
const endpointId = (raw: string) => (/^[0-9A-Z]{2,4}:\S+$/.test(raw) ? null : `must be scheme:identifier, an EAS scheme code and the id, such as 0088:4035811991014 (got "${raw}")`);
const bankAccount = (raw: string) =>
  /^[A-Z]{2}\d{2}/.test(raw) && !isValidIban(raw.replace(/\s/g, '')) ? `is an IBAN whose check digits are wrong (ISO 13616)` : /^[A-Z0-9 -]{4,34}$/.test(raw) ? null : 'must be an IBAN or an account number';
// The account holder's name is sent in invoice.payment_reminder_due, whose field is capped at this
// length (TEXT_LIMITS.sellerAccountName of libs/events): a longer name is refused at start, not at the outbox.
const accountHolderName = (raw: string) => (raw.length <= TEXT_LIMITS.sellerAccountName ? null : `must be at most ${TEXT_LIMITS.sellerAccountName} characters (got ${raw.length})`);
const bic = (raw: string) => (/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(raw) ? null : `must be a BIC of 8 or 11 characters, such as COBADEFFXXX (got "${raw}")`);

export const invoicingServiceConfigSchema = {
  ...serviceConfigSchema(3003, 50053),
  // Who issues the invoices and how they are paid: the PDF and the e-invoice (issue 10 item 4).
  SELLER_LEGAL_NAME: sellerDetail('SELLER_LEGAL_NAME', "the seller's registered legal name, as invoices name it", 'Milestone Billing Example Ltd', accountHolderName),
  SELLER_STREET: sellerDetail('SELLER_STREET', "the seller's street address", '1 Example Street'),
  SELLER_CITY: sellerDetail('SELLER_CITY', "the seller's city", 'Exampleville'),
  SELLER_POSTAL_CODE: sellerDetail('SELLER_POSTAL_CODE', "the seller's postal code", '10115'),
  SELLER_COUNTRY_CODE: sellerDetail('SELLER_COUNTRY_CODE', "the seller's country, ISO 3166-1 alpha-2", 'DE', countryCode),
  SELLER_VAT_ID: sellerDetail('SELLER_VAT_ID', "the seller's VAT identifier, with its country prefix", 'DE000000000', vatId),
  SELLER_ENDPOINT_ID: sellerDetail('SELLER_ENDPOINT_ID', 
    "the seller's electronic address for e-invoices (Peppol participant id) as scheme:identifier, the scheme an EAS code (0088 GLN, 9930 German VAT …)",
    '9930:DE000000000',
    endpointId,
  ),
  SELLER_BANK_ACCOUNT: sellerDetail('SELLER_BANK_ACCOUNT', 'the account invoices are paid into: an IBAN (check digits verified) or an account number', 'DE02120300000000202051', bankAccount),
  SELLER_BANK_BIC: optionalSellerDetail("the BIC of the seller's bank, when payments need one", bic),
  SELLER_BANK_ACCOUNT_NAME: optionalSellerDetail("the account holder's name, when it is not the legal name", accountHolderName),
  // Issue 11 item 1: every payment reminder goes out at this wall-clock time in the client's zone.
  PAYMENT_REMINDER_LOCAL_TIME: {
    description: "the time of day (HH:MM, 24-hour) payment reminders fall due in the client's time zone",
    defaultValue: '09:00',
    parse(raw: string): LocalTimeOfDay {
      const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
      if (!match) throw new ConfigRuleError(`must be a time of day as HH:MM, 24-hour, such as 09:00 (got "${raw}")`);
      return { hour: Number(match[1]), minute: Number(match[2]) };
    },
  } satisfies ConfigVariable<LocalTimeOfDay>,
} satisfies ConfigSchema;

export type InvoicingServiceConfig = ConfigOf<typeof invoicingServiceConfigSchema>;

/** The seller identity the documents show, from the validated configuration. */
export function sellerIdentityOf(config: Pick<InvoicingServiceConfig, `SELLER_${string}` & keyof InvoicingServiceConfig>): SellerIdentity {
  const [scheme, ...id] = config.SELLER_ENDPOINT_ID.split(':');
  return {
    legalName: config.SELLER_LEGAL_NAME,
    address: { street: config.SELLER_STREET, city: config.SELLER_CITY, postalCode: config.SELLER_POSTAL_CODE, countryCode: config.SELLER_COUNTRY_CODE },
    vatId: config.SELLER_VAT_ID,
    endpoint: { scheme, id: id.join(':') },
    payment: {
      account: config.SELLER_BANK_ACCOUNT.replace(/\s/g, ''),
      accountName: config.SELLER_BANK_ACCOUNT_NAME ?? config.SELLER_LEGAL_NAME,
      bic: config.SELLER_BANK_BIC ?? null,
    },
  };
}
