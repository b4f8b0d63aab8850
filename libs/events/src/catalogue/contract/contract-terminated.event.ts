import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-definition';
import { BasisPoints, CalendarDate, Cents, ClientId, ContractId, Currency, MilestoneIndex, StringEnum, Text, Timestamp, TEXT_LIMITS } from '../event-fields';

export const ContractTerminatedDataV1 = Type.Object(
  {
    contract_id: ContractId,
    client_id: ClientId,
    terminated_at: Timestamp('When the termination took effect.'),
    reason: Text('Why the contract was terminated.', TEXT_LIMITS.terminationReason),
  },
  {
    description:
      'Unbilled milestones are to be cancelled; completed or approved ones stay billable (milestone-service decides which).',
  },
);

/** What a termination does with each milestone of the schedule (issue 14 item 2). */
export const MILESTONE_SETTLEMENT_OUTCOMES = ['already_billed', 'billed_in_full', 'billed_partially', 'cancelled'] as const;

/** On what ground an unfinished milestone is billed for a percentage of its amount. */
export const PARTIAL_BILLING_BASES = ['client_agreement', 'termination_clause'] as const;

export const MilestoneSettlement = Type.Object(
  {
    milestone_index: MilestoneIndex,
    outcome: StringEnum(MILESTONE_SETTLEMENT_OUTCOMES, {
      description:
        'already_billed: triggered, invoiced or paid before the termination, untouched; billed_in_full: approved but not billed, triggered now; ' +
        'billed_partially: unfinished work billed now for the agreed percentage, the rest cancelled; cancelled: nothing of it is billed, its draft discarded.',
    }),
    amount_cents: Cents('The milestone amount on the schedule.'),
    billed_cents: Cents('What is (or was already) billed of it, before tax; billed_cents + cancelled_cents = amount_cents.'),
    cancelled_cents: Cents('What of it will never be billed.'),
    percent_bps: Type.Optional(BasisPoints('billed_partially: the agreed percentage of the amount billed.')),
    basis: Type.Optional(StringEnum(PARTIAL_BILLING_BASES, { description: "billed_partially: client_agreement (the client agreed the percentage) or termination_clause (the contract's termination clause sets it)." })),
    agreement_reference: Type.Optional(Text('billed_partially: where the agreement or clause is recorded.', TEXT_LIMITS.agreementReference)),
  },
  { additionalProperties: false, description: "What the termination does with one milestone, exact to the cent (billed by the rule of libs/money's allocation: largest remainder)." },
);

/**
 * Version 2 (issue 14, termination that settles): the effective date, who terminated and the
 * settlement, per milestone of the schedule, so that milestone-service bills and cancels from the
 * event alone and the totals balance: billed_cents + cancelled_cents = total_value_cents.
 */
export const ContractTerminatedDataV2 = Type.Object(
  {
    ...ContractTerminatedDataV1.properties,
    effective_date: CalendarDate("The day the termination takes effect, in the client's time zone; never before the activation."),
    terminated_by: Text('Who terminated the contract (the caller, by subject).', TEXT_LIMITS.subject),
    currency: Currency,
    total_value_cents: Cents('The contract value, before tax.'),
    billed_cents: Cents('Of it, what is billed: before the termination and by it.'),
    cancelled_cents: Cents('Of it, what is cancelled and never billed.'),
    milestones: Type.Array(MilestoneSettlement, { description: 'Every milestone of the schedule, by ascending index (all cancelled for a contract never activated).' }),
  },
  {
    description:
      'Approved milestones not yet billed are triggered, those billed partially are triggered for their billed_cents, the others not yet billed are cancelled; billed_cents + cancelled_cents = total_value_cents.',
  },
);

export const contractTerminated = defineEvent({
  name: 'contract.terminated',
  producer: 'contract-service',
  description: 'A contract was terminated before completion.',
  partitionKey: 'contract_id',
  currentVersion: 2,
  versions: { 1: ContractTerminatedDataV1, 2: ContractTerminatedDataV2 },
});
