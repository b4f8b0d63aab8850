// Issue 13 item 4: an event must never be refused at the outbox for a value the API accepted. Each
// free-text field of the event catalogue is capped (TEXT_LIMITS in libs/events); this test holds
// each cap equal to the limit of the REST/gRPC inputs that feed the field, read from the published
// OpenAPI documents (generated from the same class-validator DTOs that validate REST and gRPC
// requests), plus the fixed words a producer wraps around the value. A DTO limit raised without
// the event cap fails here; so does a cap lowered below its input.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_LIMITS } from '@mb/events';
import { SUBJECT_MAX_LENGTH } from '@mb/platform';
import { repositoryRoot } from '@mb/devstack';

type Schema = { properties?: Record<string, { maxLength?: number }> };
type Document = { components: { schemas: Record<string, Schema> } };

const docs = join(repositoryRoot(), 'docs', 'api');
const documents = new Map(
  readdirSync(docs)
    .filter((name) => name.endsWith('.openapi.json'))
    .map((name) => [name.replace('.openapi.json', ''), JSON.parse(readFileSync(join(docs, name), 'utf8')) as Document] as const),
);

/** The maxLength the published API gives `service`'s `schema.property`; fails when there is none. */
function inputLimit(input: string): number {
  const [service, schema, property] = input.split(/[ .]/);
  const limit = documents.get(service)?.components.schemas[schema]?.properties?.[property]?.maxLength;
  if (typeof limit !== 'number') throw new Error(`${input}: no such input with a maxLength in docs/api`);
  return limit;
}

type Feed = { inputs: string[]; wrappedIn?: string };

/** Which inputs feed each capped event field that a client's request fills. */
const FEEDS: Partial<Record<keyof typeof TEXT_LIMITS, Feed>> = {
  clientName: { inputs: ['contract-service CreateClientDto.name'] },
  street: { inputs: ['contract-service BillingAddressDto.street'] },
  city: { inputs: ['contract-service BillingAddressDto.city'] },
  postalCode: { inputs: ['contract-service BillingAddressDto.postal_code'] },
  timeZone: { inputs: ['contract-service CreateClientDto.time_zone', 'collections-service AgreePaymentPlanDto.time_zone'] },
  contractTitle: { inputs: ['contract-service CreateContractDto.title'] },
  milestoneTitle: { inputs: ['contract-service MilestoneDto.title', 'contract-service MilestoneChangeRequestDto.title'] },
  acceptanceCriteria: { inputs: ['contract-service MilestoneDto.acceptance_criteria', 'contract-service MilestoneChangeRequestDto.acceptance_criteria'] },
  accountToken: { inputs: ['contract-service PayoutDestinationDto.account_token'] },
  purchaseOrderRef: { inputs: ['contract-service CreateContractDto.purchase_order_ref'] },
  changeOrderReason: { inputs: ['contract-service ProposeChangeOrderDto.reason', 'contract-service RejectChangeOrderDto.reason'] },
  terminationReason: { inputs: ['contract-service TerminateContractDto.reason'] },
  agreementReference: { inputs: ['contract-service PartialBillingDto.agreement_reference'] },
  evidenceUrl: { inputs: ['milestone-service SubmitMilestoneDto.evidence_url'] },
  // settle-terminated-contract cancels the open milestones with "Contract terminated: <reason>".
  milestoneReason: {
    inputs: ['milestone-service RejectMilestoneDto.reason', 'milestone-service CancelMilestoneDto.reason', 'milestone-service PlaceBillingHoldDto.reason', 'contract-service TerminateContractDto.reason'],
    wrappedIn: 'Contract terminated: ',
  },
  invoiceClosingReason: { inputs: ['invoicing-service CloseInvoiceDto.reason'] },
  creditNoteReason: { inputs: ['invoicing-service IssueCreditNoteDto.reason'] },
  refundReason: { inputs: ['invoicing-service RecordRefundDto.reason'] },
  paymentReference: { inputs: ['invoicing-service RecordPaymentDto.external_reference', 'invoicing-service RecordPaymentDto.reference', 'invoicing-service RecordRefundDto.external_reference'] },
  disputeReason: { inputs: ['collections-service OpenDisputeDto.reason'] },
  disputeNote: { inputs: ['collections-service ResolveDisputeDto.note', 'collections-service WithdrawDisputeDto.note'] },
  agency: { inputs: ['collections-service HandOffCaseDto.agency'] },
  handOffReason: { inputs: ['collections-service HandOffCaseDto.reason'] },
  writeOffReason: { inputs: ['collections-service WriteOffCaseDto.reason'] },
  agencyReference: { inputs: ['collections-service RecordAgencyRecoveryDto.external_reference'] },
};

describe('event field caps against the inputs that feed them', () => {
  it.each(Object.entries(FEEDS))('%s: the cap is the longest input that feeds it (with its fixed words)', (field, feed) => {
    const longest = Math.max(...feed.inputs.map(inputLimit)) + (feed.wrappedIn?.length ?? 0);
    const cap = TEXT_LIMITS[field as keyof typeof TEXT_LIMITS];
    expect(cap).toBeGreaterThanOrEqual(longest);
    // Equal where nothing is wrapped around the value; with fixed words, within a small margin.
    if (feed.wrappedIn === undefined) expect(cap).toBe(longest);
    else expect(cap - longest).toBeLessThan(100);
  });

  it("keeps a write-off's reason within the closing reason invoicing records on each invoice written off", () => {
    expect(inputLimit('collections-service WriteOffCaseDto.reason')).toBeLessThanOrEqual(inputLimit('invoicing-service CloseInvoiceDto.reason'));
  });

  it('caps who did it at the longest subject an access token may carry', () => {
    expect(TEXT_LIMITS.subject).toBe(SUBJECT_MAX_LENGTH);
  });

  it('names inputs that exist, so a renamed DTO fails here rather than passing unchecked', () => {
    expect(() => inputLimit('contract-service CreateClientDto.no_such_field')).toThrow(/no such input/);
    expect(Object.keys(FEEDS).length).toBeGreaterThanOrEqual(25);
  });
});
