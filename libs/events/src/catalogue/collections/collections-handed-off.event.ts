import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { CaseFileId, CaseId, Cents, ClientId, ContractId, Currency, InvoiceId, InvoiceNumber, Text, Timestamp, TEXT_LIMITS } from '../event-fields';

/** A SHA-256 digest, lowercase hex. */
const Sha256 = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });

export const CaseBalance = Type.Object(
  {
    currency: Currency,
    balance_cents: Cents('What is still owed in this currency.', { minimum: 1 }),
  },
  { description: 'What the case is owed in one currency; currencies are never added together.' },
);

export const HandedOffInvoice = Type.Object(
  {
    invoice_id: InvoiceId,
    invoice_number: InvoiceNumber,
    contract_id: ContractId,
    currency: Currency,
    balance_cents: Cents('What is still owed on the invoice.', { minimum: 1 }),
  },
  { description: 'An invoice the agency is to collect.' },
);

export const CaseFileReference = Type.Object(
  {
    case_file_id: CaseFileId,
    sha256: Sha256('SHA-256 of the case file (the zip) as stored and downloaded.'),
    manifest_sha256: Sha256("SHA-256 of the zip's manifest.json, which lists every other file with its own SHA-256 and size."),
    size_bytes: Type.Integer({ minimum: 1, description: 'Size of the zip.' }),
  },
  { description: 'The case file built at hand-off: a zip of PDF and JSON documents with a manifest of digests.' },
);

export const CollectionsHandedOffDataV1 = Type.Object(
  {
    case_id: CaseId,
    client_id: ClientId,
    agency: Text('The collection agency the case was handed to (its name or identifier).', TEXT_LIMITS.agency),
    reason: Text('Why the case was handed off.', TEXT_LIMITS.handOffReason),
    handed_off_by: Text('Who handed it off (the subject of the caller).', TEXT_LIMITS.subject),
    handed_off_at: Timestamp('When the case was handed off.'),
    balances: Type.Array(CaseBalance, { minItems: 1, description: 'What is owed, one entry per currency, by currency code.' }),
    invoices: Type.Array(HandedOffInvoice, { minItems: 1, description: 'The invoices with a balance the agency is to collect.' }),
    case_file: CaseFileReference,
  },
  { description: 'A collections case handed to a collection agency; dunning stops.' },
);

export const collectionsHandedOff = defineEvent({
  name: 'collections.handed_off',
  producer: 'collections-service',
  description: 'A collections case was handed to a collection agency with a case file; dunning stopped.',
  partitionKey: 'client_id',
  currentVersion: 1,
  versions: { 1: CollectionsHandedOffDataV1 },
});
