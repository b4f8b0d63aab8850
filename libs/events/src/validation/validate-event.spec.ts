import { EVENT_NAMES, eventDefinition, versionsOf } from '../catalogue/event-catalogue';
import { aContractActivated, aMilestoneTriggeredForDisbursement, aValidEvent, aValidEventAt, anInvoiceIssued } from '../fixtures/event-fixtures';
import { validateEvent } from './validate-event';

function without<T extends object>(value: T, key: keyof T): Omit<T, typeof key> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

describe('validateEvent', () => {
  it.each(EVENT_NAMES.map((name) => [name]))('accepts the %s fixture', (name) => {
    // given the fixture of the event
    const event = aValidEvent(name);
    // when it is validated against its current version
    const result = validateEvent(name, eventDefinition(name).currentVersion, event);
    // then it passes and comes back as the envelope
    expect(result).toEqual({ ok: true, envelope: event });
  });

  it.each(EVENT_NAMES.map((name) => [name]))('accepts the %s fixture of each declared version at that version', (name) => {
    // an older version's own fixture where a breaking change left the current one unfit for it,
    // else the current fixture, which then uses no newer value
    for (const version of versionsOf(name)) expect(validateEvent(name, version, aValidEventAt(name, version)).ok).toBe(true);
  });

  it('refuses a payment.recorded of version 2 at version 1: a payment is no longer one contract\'s (issue 10)', () => {
    const result = validateEvent('payment.recorded', 1, aValidEvent('payment.recorded'));
    expect(result.ok).toBe(false);
  });

  it('takes the billing trigger on_date in version 2 of the contract events only, version 1 keeping its three values', () => {
    // given an activation whose second milestone is billed on its date
    const event = aContractActivated();
    const onDate = { ...event, data: { ...event.data, milestones: event.data.milestones.map((milestone, index) => (index === 1 ? { ...milestone, billing_trigger: 'on_date' as const } : milestone)) } };
    // then version 2 accepts it and version 1 refuses it, naming its values
    for (const name of ['contract.created', 'contract.activated', 'contract.amended'] as const) {
      expect(eventDefinition(name).currentVersion).toBeGreaterThanOrEqual(2);
      expect(validateEvent(name, 2, { ...onDate, event: name, data: { ...aValidEvent(name).data, milestones: onDate.data.milestones } }).ok).toBe(true);
      expect(validateEvent(name, 1, { ...onDate, event: name, data: { ...aValidEvent(name).data, milestones: onDate.data.milestones } })).toEqual({
        ok: false,
        errors: ['/data/milestones/1/billing_trigger must be one of "on_signing", "on_approval", "on_completion"'],
      });
    }
  });

  it('rejects data missing a required field, naming the field', () => {
    // given an issued invoice without its due date
    const event = anInvoiceIssued();
    const broken = { ...event, data: without(event.data, 'due_date') };
    // when validated
    const result = validateEvent('invoice.issued', 1, broken);
    // then the error points at the missing field
    expect(result).toEqual({ ok: false, errors: ['/data/due_date is required'] });
  });

  it('rejects an amount with a fraction, naming the path and the rule', () => {
    const event = aMilestoneTriggeredForDisbursement({ data: { amount_due_cents: 7500.5 } });
    const result = validateEvent('milestone.status_updated', 1, event);
    expect(result).toEqual({ ok: false, errors: ['/data/amount_due_cents must be integer'] });
  });

  it('rejects a negative amount', () => {
    const event = anInvoiceIssued({ data: { total_cents: -1 } });
    const result = validateEvent('invoice.issued', 1, event);
    expect(result).toEqual({ ok: false, errors: ['/data/total_cents must be >= 0'] });
  });

  it('rejects an upper-case currency and an unknown milestone status', () => {
    const event = aMilestoneTriggeredForDisbursement({ data: { currency: 'USD', status: 'done' as never } });
    const result = validateEvent('milestone.status_updated', 1, event);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      '/data/currency must match pattern "^[a-z]{3}$"',
      expect.stringMatching(/^\/data\/status must be one of "planned", "in_progress", .*"cancelled"$/),
    ]);
  });

  it('accepts a field in data that the schema does not know yet', () => {
    // given a producer one minor step ahead, adding an optional field
    const event = aMilestoneTriggeredForDisbursement();
    const ahead = { ...event, data: { ...event.data, approved_by: 'usr_01JW' } };
    // then an older consumer still accepts it
    expect(validateEvent('milestone.status_updated', 1, ahead).ok).toBe(true);
  });

  it('rejects a key added to the envelope itself', () => {
    const event = { ...aMilestoneTriggeredForDisbursement(), version: 1 };
    const result = validateEvent('milestone.status_updated', 1, event);
    expect(result).toEqual({ ok: false, errors: ['/version is not allowed'] });
  });

  it.each([
    ["an id with another kind's prefix", { id: 'con_01JWA5Q8RMB6Y3N0J2K4P7T9VX' }, '/id must match pattern'],
    ['an id with nothing after its prefix', { id: 'evt_' }, '/id must match pattern'],
    ['an id with a character that is not URL-safe', { id: 'evt_982/34109' }, '/id must match pattern'],
    ['an id longer than 64 characters after its prefix', { id: `evt_${'a'.repeat(65)}` }, '/id must match pattern'],
    ['a created_at that is not RFC 3339', { created_at: '28/05/2026 09:10' }, '/created_at must match format "date-time"'],
    ['another event name', { event: 'invoice.issued' }, '/event must be "milestone.status_updated"'],
  ])('rejects %s', (_, change, message) => {
    const event = { ...aMilestoneTriggeredForDisbursement(), ...change };
    const result = validateEvent('milestone.status_updated', 1, event);
    expect(!result.ok && result.errors[0]).toContain(message);
  });

  it('requires the payout destination but accepts null for none', () => {
    const event = aMilestoneTriggeredForDisbursement();
    expect(validateEvent('milestone.status_updated', 1, { ...event, data: { ...event.data, payout_destination: null } }).ok).toBe(true);
    expect(validateEvent('milestone.status_updated', 1, { ...event, data: without(event.data, 'payout_destination') })).toEqual({
      ok: false,
      errors: ['/data/payout_destination is required'],
    });
  });

  it('rejects an invoice number outside the INV-YYYY-NNNNNN series and a due date with a time', () => {
    const event = anInvoiceIssued({ data: { invoice_number: 'INV-42', due_date: '2026-06-27T00:00:00Z' } });
    const result = validateEvent('invoice.issued', 1, event);
    expect(!result.ok && result.errors).toEqual([
      '/data/invoice_number must match pattern "^INV-\\d{4}-\\d{6}$"',
      '/data/due_date must match format "date"',
    ]);
  });

  it('answers an unknown event name with an error result, not an exception', () => {
    expect(validateEvent('invoice.sent', 1, {})).toEqual({ ok: false, errors: ['unknown event "invoice.sent"'] });
  });

  it('takes an invoice.issued without a milestone (a retainage release) in version 2 only, version 1 requiring the milestone', () => {
    // given a retainage release: no milestone, the invoices it releases named
    const { milestone_index: _index, milestone_title: _title, milestone_id: _id, ...data } = anInvoiceIssued().data;
    const release = {
      ...anInvoiceIssued(),
      data: { ...data, kind: 'retainage_release', released_invoices: [{ invoice_id: 'inv_01JREL', invoice_number: 'INV-2026-000001', retainage_cents: 37_500 }] },
    };
    // then version 2 accepts it and version 1 refuses it for the missing milestone
    expect(validateEvent('invoice.issued', 2, release)).toEqual({ ok: true, envelope: release });
    expect(validateEvent('invoice.issued', 1, release)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.stringContaining('milestone_index')]) });
    // and version 2 refuses an unknown kind, naming the kinds
    expect(validateEvent('invoice.issued', 2, { ...release, data: { ...release.data, kind: 'deposit' } })).toMatchObject({
      ok: false,
      errors: ['/data/kind must be one of "milestone", "retainage_release"'],
    });
  });

  it('answers an unknown version with an error result listing the known ones', () => {
    expect(validateEvent('invoice.issued', 3, anInvoiceIssued())).toEqual({
      ok: false,
      errors: ['unknown version 3 of event "invoice.issued" (known: 1, 2)'],
    });
  });

  it('rejects a value that is not an object', () => {
    expect(validateEvent('invoice.issued', 1, 'INV-2026-000042')).toEqual({ ok: false, errors: ['/ must be object'] });
  });

  it('compiles each schema once and reuses it', () => {
    // given a schema already used once
    validateEvent('invoice.paid', 1, aValidEvent('invoice.paid'));
    // when validating many events, then it stays fast (Ajv compilation takes milliseconds each time)
    const started = performance.now();
    for (let i = 0; i < 2000; i += 1) validateEvent('invoice.paid', 1, aValidEvent('invoice.paid'));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
