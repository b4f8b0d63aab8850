import { EVENT_NAMES, versionsOf } from '../catalogue/event-catalogue';
import { jsonSchemaOf } from '../validation/event-json-schema';
import { prefixedIdPattern } from './prefixed-id';

// The kind each id field names, as docs/events/README.md lists the prefixes.
const PREFIX_OF_FIELD: Record<string, string> = {
  id: 'evt',
  contract_id: 'con',
  client_id: 'cli',
  milestone_id: 'ms',
  invoice_id: 'inv',
  payment_id: 'pay',
  credit_note_id: 'cn',
  refund_id: 'rfd',
  case_id: 'case',
  event_id: 'evt',
  delivery_id: 'dlv',
  replay_of: 'dlv',
  subscription_id: 'whs',
  dispute_id: 'dsp',
  payment_plan_id: 'plan',
  supersedes_payment_plan_id: 'plan',
  promise_id: 'ptp',
  change_order_id: 'chg',
  case_file_id: 'cf',
  recovery_id: 'rcv',
};

describe('prefixed ids', () => {
  const contractId = new RegExp(prefixedIdPattern('con'));

  it('is the prefix, an underscore and 1 to 64 URL-safe characters', () => {
    expect(prefixedIdPattern('con')).toBe('^con_[A-Za-z0-9_-]{1,64}$');
  });

  it.each(['con_7732_alpha', 'con_01JNQ8W3XGZ5K7M2P4R6T8V0YA', 'con_x', 'con_a-b_c', `con_${'z'.repeat(64)}`])('accepts %s', (id) => {
    expect(id).toMatch(contractId);
  });

  it.each(['con_', 'con', 'con7732', 'cli_7732', 'xcon_7732', 'CON_7732', 'con_7732 alpha', 'con_77/32', 'con_ä', `con_${'z'.repeat(65)}`, 'con_7732\n'])(
    'refuses %j',
    (id) => {
      expect(id).not.toMatch(contractId);
    },
  );

  it('refuses a prefix that is not lowercase letters', () => {
    expect(() => prefixedIdPattern('Con')).toThrow('lowercase');
    expect(() => prefixedIdPattern('con_')).toThrow('lowercase');
    expect(() => prefixedIdPattern('')).toThrow('lowercase');
  });

  it('is the form of the envelope id and of every id field of every event', () => {
    // given every property named id, *_id or *_ids in every published schema, nested ones included
    const found: string[] = [];
    const offences: string[] = [];
    const visit = (schema: unknown, path: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      for (const [field, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (/^id$|_ids?$/.test(field)) {
          const id = (field.endsWith('_ids') ? child.items : child) as { pattern?: string; description?: string };
          found.push(`${path}.${field}`);
          const prefix = PREFIX_OF_FIELD[field.replace(/_ids$/, '_id')];
          if (prefix === undefined) offences.push(`${path}.${field}: no prefix known for this field`);
          else if (id.pattern !== prefixedIdPattern(prefix)) offences.push(`${path}.${field}: ${id.pattern}`);
          if (!/opaque/.test(id.description ?? '')) offences.push(`${path}.${field}: description does not say it is opaque`);
        }
        visit(child, `${path}.${field}`);
      }
      for (const key of ['items', 'anyOf'] as const) {
        const children = node[key];
        for (const child of Array.isArray(children) ? children : [children]) visit(child, path);
      }
    };
    for (const name of EVENT_NAMES) for (const version of versionsOf(name)) visit(jsonSchemaOf(name, version), `${name}.v${version}`);
    // then each is its kind's prefix and the opaque part, described as opaque
    expect(found).toEqual(expect.arrayContaining(['milestone.status_updated.v1.id', 'milestone.status_updated.v1.data.contract_id', 'refund.recorded.v1.data.refund_id']));
    expect(offences).toEqual([]);
  });
});
