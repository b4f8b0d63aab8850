import { Kind, type TObject } from '@sinclair/typebox';
import { EVENT_NAMES, eventCatalogue, eventDefinition, UnknownEventError, versionsOf } from './event-catalogue';
import { MAX_AMOUNT_CENTS, TEXT_LIMITS } from './event-fields';

// Copied from ARCHITECTURE.md "Events" → "Topics", so the catalogue cannot silently drift from it.
const TOPICS_IN_ARCHITECTURE = [
  'contract.created',
  'contract.activated',
  'contract.amended',
  'contract.terminated',
  'milestone.status_updated',
  'milestone.due_soon',
  'milestone.delayed',
  'invoice.issued',
  'invoice.paid',
  'invoice.overdue',
  'invoice.voided',
  'invoice.uncollectible',
  'payment.recorded',
  'credit_note.issued',
  'collections.case_opened',
  'collections.stage_changed',
  'collections.payment_plan_agreed',
  'collections.case_closed',
  'collections.written_off',
];

// Events an issue added after ARCHITECTURE.md was written, each placed beside its kin.
const TOPICS_ADDED_BY_ISSUES: Record<string, { after: string; issue: number }> = {
  'contract.change_order_proposed': { after: 'contract.activated', issue: 14 },
  'contract.change_order_rejected': { after: 'contract.change_order_proposed', issue: 14 },
  'milestone.approval_requested': { after: 'milestone.delayed', issue: 9 },
  'milestone.approval_window_closed': { after: 'milestone.approval_requested', issue: 9 },
  'refund.recorded': { after: 'payment.recorded', issue: 10 },
  'collections.dispute_opened': { after: 'collections.written_off', issue: 11 },
  'collections.dispute_resolved': { after: 'collections.dispute_opened', issue: 11 },
  'invoice.payment_reminder_due': { after: 'invoice.overdue', issue: 11 },
  'collections.instalment_due_soon': { after: 'collections.payment_plan_agreed', issue: 11 },
  'collections.instalment_paid': { after: 'collections.instalment_due_soon', issue: 11 },
  'collections.payment_plan_broken': { after: 'collections.instalment_paid', issue: 11 },
  'collections.payment_plan_completed': { after: 'collections.payment_plan_broken', issue: 11 },
  'collections.invoice_joined': { after: 'collections.case_opened', issue: 11 },
  'collections.promise_recorded': { after: 'collections.stage_changed', issue: 11 },
  'collections.promise_kept': { after: 'collections.promise_recorded', issue: 11 },
  'collections.promise_broken': { after: 'collections.promise_kept', issue: 11 },
  'collections.handed_off': { after: 'collections.dispute_resolved', issue: 11 },
  'collections.agency_recovery_recorded': { after: 'collections.handed_off', issue: 11 },
  'notification.sent': { after: 'collections.agency_recovery_recorded', issue: 11 },
  'notification.failed': { after: 'notification.sent', issue: 11 },
  'notification.webhook_disabled': { after: 'notification.failed', issue: 11 },
  'contract.completed': { after: 'contract.terminated', issue: 14 },
  'collections.payment_plan_proposed': { after: 'collections.promise_broken', issue: 15 },
  'collections.dispute_withdrawn': { after: 'collections.dispute_resolved', issue: 15 },
};

/** ARCHITECTURE.md's list with the added events inserted where the catalogue keeps them. */
function expectedTopics(): string[] {
  const topics = [...TOPICS_IN_ARCHITECTURE];
  for (const [topic, { after }] of Object.entries(TOPICS_ADDED_BY_ISSUES)) topics.splice(topics.indexOf(after) + 1, 0, topic);
  return topics;
}

const PRODUCER_OF_AREA: Record<string, string> = {
  contract: 'contract-service',
  milestone: 'milestone-service',
  invoice: 'invoicing-service',
  payment: 'invoicing-service',
  refund: 'invoicing-service',
  credit_note: 'invoicing-service',
  collections: 'collections-service',
  notification: 'notification-service',
};

describe('the event catalogue', () => {
  it('declares every event of ARCHITECTURE.md and those issues added, and no other', () => {
    expect([...EVENT_NAMES]).toEqual(expectedTopics());
  });

  it.each(EVENT_NAMES.map((name) => [name]))('names %s after its producer and describes it in one line', (name) => {
    // given the definition of the event
    const definition = eventDefinition(name);
    // then it is produced by the service that owns its area, past tense, described on one line
    expect(definition.name).toBe(name);
    expect(definition.producer).toBe(PRODUCER_OF_AREA[name.split('.')[0]]);
    expect(definition.description).toMatch(/^[A-Z][^\n]+\.$/);
  });

  it.each(EVENT_NAMES.map((name) => [name]))('numbers the versions of %s from 1 and publishes a declared one', (name) => {
    const definition = eventDefinition(name);
    const versions = versionsOf(name);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    expect(versions).toContain(definition.currentVersion);
  });

  it.each(EVENT_NAMES.map((name) => [name]))("requires %s's partition key in every version of its data", (name) => {
    const definition = eventDefinition(name);
    for (const version of versionsOf(name)) {
      const data = (definition.versions as Record<number, TObject>)[version];
      expect(data.required).toContain(definition.partitionKey);
      expect(data.properties[definition.partitionKey]).toMatchObject({ type: 'string' });
    }
  });

  it('keys contract, milestone, invoice and credit-note events by contract; payment, refund and collections events by client; notification events by what they are about', () => {
    const byClient = ['collections.', 'payment.', 'refund.'];
    // A delivery or a subscription need not name a client; its own id keeps its outcomes in order.
    const notificationKeys: Record<string, string> = { 'notification.sent': 'delivery_id', 'notification.failed': 'delivery_id', 'notification.webhook_disabled': 'subscription_id' };
    for (const name of EVENT_NAMES) {
      const expected = notificationKeys[name] ?? (byClient.some((area) => name.startsWith(area)) ? 'client_id' : 'contract_id');
      expect(`${name}: ${eventDefinition(name).partitionKey}`).toBe(`${name}: ${expected}`);
    }
  });

  it('carries contract_id in every collections event about one invoice', () => {
    for (const name of EVENT_NAMES.filter((event) => event.startsWith('collections.'))) {
      const data = eventDefinition(name).versions[1] as TObject;
      if ('invoice_id' in data.properties) expect(`${name}: ${String(data.required)}`).toContain('contract_id');
    }
  });

  it('leaves data open to fields it does not know, so adding an optional field keeps the version', () => {
    for (const name of EVENT_NAMES) {
      const data = eventDefinition(name).versions[1] as TObject;
      expect(data[Kind]).toBe('Object');
      expect(data.additionalProperties).toBeUndefined();
    }
  });

  it('names money in cents as non-negative integers capped at 10^15 and rates in basis points', () => {
    // given every property of every data schema, nested ones included
    const offences: string[] = [];
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      for (const [field, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (/_cents$|_bps$/.test(field) && (child.type !== 'integer' || child.minimum !== 0 && child.minimum !== 1)) {
          offences.push(`${path}.${field}`);
        }
        if (/_cents$/.test(field) && child.maximum !== MAX_AMOUNT_CENTS) offences.push(`${path}.${field} (not capped at ${MAX_AMOUNT_CENTS})`);
        if (/amount|total|subtotal|tax_cents|retainage/.test(field) && !/_cents$|_bps$|_ref$|_date$/.test(field)) {
          offences.push(`${path}.${field} (money without a unit suffix)`);
        }
        visit(child, `${path}.${field}`);
      }
      for (const key of ['items', 'anyOf'] as const) {
        const children = node[key];
        for (const child of Array.isArray(children) ? children : [children]) visit(child, path);
      }
    };
    for (const name of EVENT_NAMES) {
      for (const version of versionsOf(name)) visit((eventDefinition(name).versions as Record<number, TObject>)[version], `${name}@v${version}`);
    }
    // then none is a float, negative, or unnamed
    expect(offences).toEqual([]);
  });

  // Issue 13 item 4: events stay small, and the outbox never refuses one for an over-long value. A
  // string is bounded by a maxLength, an enum, an anchored pattern without open repetition, or a
  // format whose values are short (dates, instants, email addresses of at most 254 characters).
  it('bounds every string of every version of every event', () => {
    // Anchored, and no `+`, `*` or open `{n,}` outside a character class (where `+` is a character).
    const isBoundedPattern = (pattern: string) =>
      pattern.startsWith('^') && pattern.endsWith('$') && !/(?<!\\)[+*]|\{\d+,\}/.test(pattern.replace(/\[(?:\\.|[^\]\\])*\]/g, 'c'));
    const boundedFormats = new Set(['date', 'date-time', 'email']);
    const unbounded: string[] = [];
    let strings = 0;
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (node.type === 'string') {
        strings += 1;
        const bounded =
          (typeof node.maxLength === 'number' && node.maxLength <= Math.max(...Object.values(TEXT_LIMITS))) ||
          Array.isArray(node.enum) ||
          (typeof node.pattern === 'string' && isBoundedPattern(node.pattern)) ||
          (typeof node.format === 'string' && boundedFormats.has(node.format));
        if (!bounded) unbounded.push(path);
      }
      for (const [field, child] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) visit(child, `${path}.${field}`);
      for (const key of ['items', 'anyOf'] as const) {
        const children = node[key];
        for (const child of Array.isArray(children) ? children : [children]) visit(child, path);
      }
    };
    for (const name of EVENT_NAMES) {
      for (const version of versionsOf(name)) visit((eventDefinition(name).versions as Record<number, TObject>)[version], `${name}@v${version}`);
    }
    expect(strings).toBeGreaterThan(300);
    expect(unbounded).toEqual([]);
  });

  it('refuses to look up an event it does not declare', () => {
    expect(() => eventDefinition('invoice.sent')).toThrow(UnknownEventError);
    expect(Object.keys(eventCatalogue)).not.toContain('invoice.sent');
  });
});
