import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';
import { prefixedIdPattern, prefixedIdRule } from '../ids/prefixed-id';

/**
 * Field schemas shared by the event catalogue, so that a contract id, an amount or a currency
 * means the same thing in every event. Money follows ARCHITECTURE.md "Money": integers in the
 * currency's smallest unit named `*_cents`, lowercase ISO 4217 codes, percentages in basis points.
 */

// Ids are owned by the service that creates them; the catalogue pins only the prefix, so a
// consumer can tell ids apart in logs and webhooks without tying every service to one id scheme.
// The part after the prefix is opaque (ids/prefixed-id.ts): ours are ULIDs, others' need not be.
function prefixedId(prefix: string, what: string) {
  return Type.String({ pattern: prefixedIdPattern(prefix), description: `${what}: ${prefixedIdRule(prefix)}.` });
}

export const ContractId = prefixedId('con', 'The contract');
export const ClientId = prefixedId('cli', 'The client, the party billed');
export const MilestoneId = prefixedId('ms', "The milestone's id in milestone-service");
export const InvoiceId = prefixedId('inv', 'The invoice');
export const PaymentId = prefixedId('pay', 'The payment');
export const CreditNoteId = prefixedId('cn', 'The credit note');
export const RefundId = prefixedId('rfd', 'The refund');
export const CaseId = prefixedId('case', 'The collections case');
export const EventId = prefixedId('evt', 'The event');
export const DeliveryId = prefixedId('dlv', 'The delivery (one message to one recipient)');
export const WebhookSubscriptionId = prefixedId('whs', 'The webhook subscription');
export const PaymentPlanId = prefixedId('plan', 'The payment plan');
export const CaseFileId = prefixedId('cf', "A collections case's case file (built at agency hand-off)");
export const AgencyRecoveryId = prefixedId('rcv', 'A collection agency recovery');
export const ChangeOrderId = prefixedId('chg', "A change order to a contract's schedule");

export const InvoiceNumber = Type.String({
  pattern: '^INV-\\d{4}-\\d{6}$',
  description: 'Gapless number in its yearly series, as printed on the invoice (INV-2026-000001).',
});

export const CreditNoteNumber = Type.String({
  pattern: '^CN-\\d{4}-\\d{6}$',
  description: 'Gapless number in the credit-note series, as printed on the document (CN-2026-000001).',
});

export const Currency = Type.String({
  pattern: '^[a-z]{3}$',
  description: 'Lowercase ISO 4217 currency code (usd).',
});

/**
 * The largest amount any event carries: 10^15 minor units. The same cap as the API's
 * (`MAX_AMOUNT_CENTS` of libs/money, which this library may not import; a test holds them equal).
 */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000_000;

/** An amount in the currency's smallest unit, whatever its exponent; never a fraction; capped. */
export function Cents(description: string, options: { minimum?: number } = {}) {
  return Type.Integer({ minimum: options.minimum ?? 0, maximum: MAX_AMOUNT_CENTS, description });
}

/** A percentage in basis points: 2500 is 25 %. */
export function BasisPoints(description: string) {
  return Type.Integer({ minimum: 0, maximum: 10000, description });
}

export const MilestoneIndex = Type.Integer({
  minimum: 1,
  description: "The milestone's position in the contract's payment schedule, from 1.",
});

/**
 * The longest value of each free-text field, so that events stay small (issue 13 item 4) and a value
 * the API accepted is never refused at the outbox. Each equals the limit of the REST/gRPC input that
 * feeds the field (the DTOs' `@MaxLength`, or the service's configuration rule), or that limit plus
 * the fixed words a producer wraps around it; tools/api/event-field-limits.spec.ts holds each cap
 * against the published input limit. Fields a service writes itself are capped by what it writes.
 */
export const TEXT_LIMITS = {
  /** Client `name`, 300 (contract-service CreateClientDto). */
  clientName: 300,
  /** Billing address `street` / `city` / `postal_code` (CreateClientDto's address). */
  street: 300,
  city: 100,
  postalCode: 20,
  /** An IANA time zone (CreateClientDto, AgreePaymentPlanDto `time_zone`). */
  timeZone: 64,
  /** Contract and milestone titles (CreateContractDto, change orders). */
  contractTitle: 300,
  milestoneTitle: 300,
  acceptanceCriteria: 4000,
  /** The payout destination's `account_token`. */
  accountToken: 200,
  purchaseOrderRef: 100,
  /** Change-order proposal and rejection reasons (ProposeChangeOrderDto, RejectChangeOrderDto). */
  changeOrderReason: 2000,
  /** TerminateContractDto `reason` and a settlement line's `agreement_reference`. */
  terminationReason: 2000,
  agreementReference: 500,
  /**
   * Who did it: the caller's subject, the `sub` claim of its access token (refused above this
   * length by libs/platform's AccessTokenVerifier) or an API key's id.
   */
  subject: 255,
  /** Submission `evidence_url` (SubmitMilestoneDto). */
  evidenceUrl: 2048,
  /**
   * A milestone transition's reason: rejection, cancellation and billing-hold reasons are at most
   * 2000 (milestone DTOs, the client portal); a termination cancels with "Contract terminated: "
   * (21 characters) before the contract's reason of at most 2000.
   */
  milestoneReason: 2100,
  /** Void and write-off reasons on an invoice (CLOSING_REASON_MAX_LENGTH of invoicing's domain). */
  invoiceClosingReason: 500,
  /** A credit note's reason (CREDIT_NOTE_REASON_MAX_LENGTH) and a refund's (RecordRefundDto). */
  creditNoteReason: 500,
  refundReason: 500,
  /**
   * An invoice line's description, written by invoicing: "Milestone n: <title>", "Retainage
   * released: <number> (<title>)", with " (share billed at termination)" at most: title + < 100.
   */
  invoiceLineDescription: 500,
  /** Payment and refund `external_reference` (and its old name `reference`). */
  paymentReference: 200,
  /** Dispute reason and finance's notes (DISPUTE_REASON_MAX_LENGTH, DISPUTE_NOTE_MAX_LENGTH). */
  disputeReason: 2000,
  disputeNote: 2000,
  /** Collections hand-off (HandOffCaseDto) and write-off (WriteOffCaseDto). */
  agency: 200,
  handOffReason: 1000,
  /** Also the invoice's closing reason in invoicing (CloseInvoiceDto), which a write-off becomes. */
  writeOffReason: 500,
  agencyReference: 200,
  /** Seller payment details from invoicing's configuration (SELLER_* variables). */
  sellerAccountName: 300,
  bankAccount: 34,
  bankBic: 11,
  paymentReferenceToQuote: 64,
  invoicePdfPath: 200,
  /** Notification outcomes, written by notification-service. */
  eventName: 100,
  recipient: 2048,
  deliveryError: 500,
  webhookOrigin: 2048,
  webhookDisabledReason: 500,
} as const;

export const MilestoneTitle = Type.String({ minLength: 1, maxLength: TEXT_LIMITS.milestoneTitle, description: 'The milestone title, as on the schedule.' });

/** A calendar date with no time zone (YYYY-MM-DD), as printed on invoices. */
export function CalendarDate(description: string) {
  return Type.String({ format: 'date', description });
}

/** An instant, RFC 3339 with an offset. */
export function Timestamp(description: string) {
  return Type.String({ format: 'date-time', description });
}

/** Free text, never empty, at most `maxLength` characters (one of TEXT_LIMITS). */
export function Text(description: string, maxLength: number) {
  return Type.String({ minLength: 1, maxLength, description });
}

export function Count(description: string, options: { minimum: number }) {
  return Type.Integer({ minimum: options.minimum, description });
}

/**
 * A string enum as JSON Schema `enum` rather than TypeBox's `anyOf` of constants, so that the
 * published schema reads naturally and a validation error lists the allowed values once.
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

export const PayoutDestination = Type.Object(
  {
    account_token: Text('Token of the account the milestone is paid out to.', TEXT_LIMITS.accountToken),
    auto_clear: Type.Boolean({ description: 'Whether the payout clears without a manual release.' }),
  },
  { description: 'Where the milestone payment is disbursed.' },
);

// One nullable shape everywhere: the field is always present, null when there is no destination,
// so consumers never have to tell "absent" from "none".
export const NullablePayoutDestination = Type.Union([PayoutDestination, Type.Null()], {
  description: 'Where the milestone payment is disbursed; null when the schedule names none.',
});

/** Milestone lifecycle states, ARCHITECTURE.md "Milestones". */
export const MILESTONE_STATUSES = [
  'planned',
  'in_progress',
  'submitted',
  'approved',
  'rejected',
  'triggered_for_disbursement',
  'invoiced',
  'paid',
  'cancelled',
] as const;

export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MilestoneStatusField = (description: string) => StringEnum(MILESTONE_STATUSES, { description });

/** When a milestone becomes billable, ARCHITECTURE.md "Contracts and schedules". */
export const BILLING_TRIGGERS = ['on_signing', 'on_approval', 'on_completion', 'on_date'] as const;

/**
 * The billing triggers of the contract events' version 1, before `on_date`. A new enum value is a
 * new version (docs/events/README.md "Versioning"): version 2 of those events takes BILLING_TRIGGERS.
 */
export const BILLING_TRIGGERS_V1 = ['on_signing', 'on_approval', 'on_completion'] as const;

export type BillingTrigger = (typeof BILLING_TRIGGERS)[number];

// Issue 11: a client's promise to pay on a collections case.
export const PromiseId = prefixedId('ptp', 'The promise to pay');
