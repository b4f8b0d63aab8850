import {
  aCollectionsStageChanged,
  aMilestoneTriggeredForDisbursement,
  anInvoiceWrittenOff,
  aPaymentRecorded,
} from '../fixtures/event-fixtures';
import { FIXTURE_IDS } from '../fixtures/fixture-ids';
import { partitionKeyOf } from './partition-key';

describe('partitionKeyOf', () => {
  it("keys a milestone event by its contract, so one contract's events stay in order", () => {
    expect(partitionKeyOf(aMilestoneTriggeredForDisbursement())).toBe(FIXTURE_IDS.contract);
  });

  it('keys a payment by its client: one payment may settle invoices of several contracts (issue 10)', () => {
    expect(partitionKeyOf(aPaymentRecorded())).toBe(FIXTURE_IDS.client);
  });

  it('keys collections events by client, even one about a single invoice', () => {
    expect(partitionKeyOf(aCollectionsStageChanged())).toBe(FIXTURE_IDS.client);
    expect(partitionKeyOf(anInvoiceWrittenOff())).toBe(FIXTURE_IDS.client);
  });

  it('throws for an envelope that lost its key, since it should never have passed validation', () => {
    const event = aMilestoneTriggeredForDisbursement();
    const broken = { ...event, data: { ...event.data, contract_id: undefined } };
    expect(() => partitionKeyOf(broken as never)).toThrow('milestone.status_updated event has no contract_id');
  });
});
