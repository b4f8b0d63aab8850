import { Type, type TSchema } from '@sinclair/typebox';
import {
  BasisPoints,
  BILLING_TRIGGERS,
  BILLING_TRIGGERS_V1,
  CalendarDate,
  Cents,
  ClientId,
  ContractId,
  Count,
  Currency,
  MilestoneIndex,
  MilestoneTitle,
  NullablePayoutDestination,
  StringEnum,
  Text,
  TEXT_LIMITS,
} from '../event-fields';

function scheduledMilestoneOf<const T extends readonly string[]>(billingTriggers: T) {
  return Type.Object(
    {
      milestone_index: MilestoneIndex,
      title: MilestoneTitle,
      amount_cents: Cents('Amount billed for this milestone, resolved from basis points when the schedule uses them.'),
      planned_date: Type.Union([CalendarDate('Date the milestone is planned for.'), Type.Null()], {
        description: 'Date the milestone is planned for; null when not planned yet.',
      }),
      billing_trigger: StringEnum(billingTriggers, { description: 'When the milestone becomes billable.' }),
      acceptance_criteria: Text('Objective criteria the client approves against.', TEXT_LIMITS.acceptanceCriteria),
      approval_window_days: Type.Union([Count('Days the client has to approve or reject a submission.', { minimum: 1 }), Type.Null()], {
        description: 'Days the client has to approve or reject a submission; null when there is no window.',
      }),
      deemed_acceptance: Type.Boolean({ description: 'Whether silence past the approval window counts as approval.' }),
      payout_destination: NullablePayoutDestination,
    },
    { description: 'One milestone of the payment schedule.' },
  );
}

/** A milestone of the schedule in version 1 of the contract events: billing triggers without on_date. */
export const ScheduledMilestoneV1 = scheduledMilestoneOf(BILLING_TRIGGERS_V1);

/** A milestone of the schedule in version 2 of the contract events: the billing triggers with on_date. */
export const ScheduledMilestoneV2 = scheduledMilestoneOf(BILLING_TRIGGERS);

/**
 * The contract as it stands after the change the event announces. Contract events carry the whole
 * schedule so that milestone-service and invoicing-service build their own copies from the events
 * alone (no service reads another's tables).
 */
function contractTermsFieldsOf<M extends TSchema>(scheduledMilestone: M) {
  return {
    contract_id: ContractId,
    client_id: ClientId,
    // Optional (added within version 1): who the client is, so that notification-service can write
    // to its accounts-payable contact from the events alone.
    client_name: Type.Optional(Text("The client's legal or trading name.", TEXT_LIMITS.clientName)),
    client_ap_email: Type.Optional(Type.String({ format: 'email', description: "The client's accounts-payable contact, who receives invoices and reminders." })),
    // Optional (added within versions 1 and 2): absent when the client named no approver, whose
    // approval requests then go to the accounts-payable contact.
    client_approver_email: Type.Optional(
      Type.String({ format: 'email', description: "Who approves the client's delivered milestones and receives the approval requests and reminders." }),
    ),
    // Optional (added within versions 1 and 2): the client's calendar. Absent from older events,
    // which meant UTC, the zone every business date was kept in before clients had one.
    client_time_zone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: TEXT_LIMITS.timeZone,
        description:
          "The client's IANA time zone (America/Los_Angeles). Business dates (invoice and due dates, overdue, advance notices, delays, on_date billing) are calendar dates in it. UTC when absent.",
      }),
    ),
    // Optional (added within versions 1 and 2, issue 10): who the client is on an e-invoice. Absent
    // when the client gave none, and from older events.
    client_billing_address: Type.Optional(
      Type.Object(
        {
          street: Type.Union([Type.String({ minLength: 1, maxLength: TEXT_LIMITS.street }), Type.Null()], { description: 'Street and number; null when not given.' }),
          city: Type.Union([Type.String({ minLength: 1, maxLength: TEXT_LIMITS.city }), Type.Null()], { description: 'City; null when not given.' }),
          postal_code: Type.Union([Type.String({ minLength: 1, maxLength: TEXT_LIMITS.postalCode }), Type.Null()], { description: 'Postal code; null when not given.' }),
          country_code: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code, upper case.' }),
        },
        { additionalProperties: false, description: "Where the client's invoices are addressed (the buyer's address on an e-invoice, EN 16931 BG-8)." },
      ),
    ),
    // Optional (added within versions 1 and 2, issue 11): the language the client's emails are
    // written in. Absent when the client set none, and from older events: English then.
    client_language: Type.Optional(
      Type.String({ enum: ['en', 'de'], description: "The language the client's emails are written in (BCP 47: en or de). English when absent." }),
    ),
    client_vat_number: Type.Optional(Type.String({ pattern: '^[A-Z]{2}[A-Za-z0-9+*.-]{2,14}$', description: "The client's VAT identifier with its country prefix (EN 16931 BT-48)." })),
    client_peppol_participant: Type.Optional(
      Type.String({ pattern: '^[0-9A-Z]{2,4}:[^\\s:]{1,64}$', description: "The client's Peppol participant id, scheme:identifier (EN 16931 BT-49), where its e-invoices go." }),
    ),
    title: Text('Contract (project) title.', TEXT_LIMITS.contractTitle),
    currency: Currency,
    total_value_cents: Cents('Total contract value; the schedule amounts add up to it exactly.'),
    net_days: Count('Payment terms: an invoice is due this many days after its issue date.', { minimum: 0 }),
    // Optional (added within version 1): absent from older events, which meant the default, 7.
    advance_notice_days: Type.Optional(
      Count("Days before a milestone's planned date that the client's accounts-payable contact is told it is coming (milestone.due_soon); 0 for no notice. 7 when absent.", {
        minimum: 0,
      }),
    ),
    tax_rate_bps: BasisPoints('Tax rate applied to each invoice line.'),
    retainage_bps: BasisPoints('Share withheld from each invoice until final acceptance; 0 when none.'),
    // Optional (added within versions 1 and 2, issue 10 "Retainage released"): absent when the
    // contract sets no date, and its retainage is released at final acceptance only.
    retainage_release_date: Type.Optional(
      CalendarDate(
        "The day the retainage withheld so far is billed (released), a calendar date in the client's time zone, if final acceptance has not released it before. Absent when the contract sets none: retainage is then released when the last milestone is billed.",
      ),
    ),
    purchase_order_ref: Type.Union([Text("The client's purchase-order reference.", TEXT_LIMITS.purchaseOrderRef), Type.Null()], {
      description: "The client's purchase-order reference, printed on invoices; null when none.",
    }),
    schedule_version: Count('Version of the payment schedule, from 1; each amendment adds one.', { minimum: 1 }),
    milestones: Type.Array(scheduledMilestone, {
      minItems: 1,
      description: 'The payment schedule, ordered by milestone_index.',
    }),
  };
}

/** The contract terms in version 1 of contract.created, contract.activated and contract.amended. */
export const contractTermsFieldsV1 = contractTermsFieldsOf(ScheduledMilestoneV1);

/** Version 2: the same terms, `billing_trigger` also `on_date` (a new enum value is a new version). */
export const contractTermsFieldsV2 = contractTermsFieldsOf(ScheduledMilestoneV2);
