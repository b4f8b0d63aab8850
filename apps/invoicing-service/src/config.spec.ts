import { readConfig } from '@mb/platform';
import { invoicingServiceConfigSchema, isValidIban, sellerIdentityOf } from './config';

const base = {
  DATABASE_URL: 'postgres://invoicing_service:s3cret@db:5432/mb',
  KAFKA_BROKERS: 'kafka:9092',
  KAFKA_SASL_USERNAME: 'invoicing-service',
  KAFKA_SASL_PASSWORD: 's3cret',
  AUTH_ISSUER: 'https://id.example.com/',
  AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
};
const seller = {
  SELLER_LEGAL_NAME: 'Milestone Works GmbH',
  SELLER_STREET: 'Friedrichstraße 68',
  SELLER_CITY: 'Berlin',
  SELLER_POSTAL_CODE: '10117',
  SELLER_COUNTRY_CODE: 'DE',
  SELLER_VAT_ID: 'DE123456789',
  SELLER_ENDPOINT_ID: '9930:DE123456789',
  SELLER_BANK_ACCOUNT: 'DE89 3704 0044 0532 0130 00',
  SELLER_BANK_BIC: 'COBADEFFXXX',
};

describe('the seller identity in the configuration', () => {
  it('runs locally on example defaults, which never override what the environment sets', () => {
    const local = readConfig(invoicingServiceConfigSchema, base);
    expect(local.SELLER_LEGAL_NAME).toBe('Milestone Billing Example Ltd');
    const configured = readConfig(invoicingServiceConfigSchema, { ...base, ...seller });
    expect(sellerIdentityOf(configured)).toEqual({
      legalName: 'Milestone Works GmbH',
      address: { street: 'Friedrichstraße 68', city: 'Berlin', postalCode: '10117', countryCode: 'DE' },
      vatId: 'DE123456789',
      endpoint: { scheme: '9930', id: 'DE123456789' },
      payment: { account: 'DE89370400440532013000', accountName: 'Milestone Works GmbH', bic: 'COBADEFFXXX' },
    });
  });

  it('refuses to start in production on an example default, naming the variable', () => {
    expect(() => readConfig(invoicingServiceConfigSchema, { ...base, NODE_ENV: 'production' })).toThrow(/^SELLER_LEGAL_NAME must be set when NODE_ENV=production/);
    const { SELLER_BANK_ACCOUNT, ...withoutAccount } = seller;
    expect(SELLER_BANK_ACCOUNT).toBeDefined();
    expect(() => readConfig(invoicingServiceConfigSchema, { ...base, ...withoutAccount, NODE_ENV: 'production' })).toThrow(/^SELLER_BANK_ACCOUNT must be set when NODE_ENV=production/);
    expect(readConfig(invoicingServiceConfigSchema, { ...base, ...seller, NODE_ENV: 'production' }).SELLER_VAT_ID).toBe('DE123456789');
  });

  it.each([
    [{ SELLER_BANK_ACCOUNT: 'DE89370400440532013001' }, /^SELLER_BANK_ACCOUNT is an IBAN whose check digits are wrong/],
    [{ SELLER_COUNTRY_CODE: 'Germany' }, /^SELLER_COUNTRY_CODE must be an ISO 3166-1 alpha-2 country code/],
    [{ SELLER_VAT_ID: '123456789' }, /^SELLER_VAT_ID must be a VAT identifier prefixed with its country code/],
    [{ SELLER_ENDPOINT_ID: 'DE123456789' }, /^SELLER_ENDPOINT_ID must be scheme:identifier/],
    [{ SELLER_BANK_BIC: 'COBA' }, /^SELLER_BANK_BIC must be a BIC/],
    [{ SELLER_LEGAL_NAME: 'L'.repeat(301) }, /^SELLER_LEGAL_NAME must be at most 300 characters/],
    [{ SELLER_BANK_ACCOUNT_NAME: 'N'.repeat(301) }, /^SELLER_BANK_ACCOUNT_NAME must be at most 300 characters/],
  ])('refuses %p', (override, message) => {
    expect(() => readConfig(invoicingServiceConfigSchema, { ...base, ...seller, ...override })).toThrow(message);
  });

  it('checks IBANs by their ISO 13616 check digits', () => {
    expect(isValidIban('GB29NWBK60161331926819')).toBe(true);
    expect(isValidIban('GB29NWBK60161331926818')).toBe(false);
  });
});
