import { Type, type TLiteral, type TObject, type TSchema, type TString } from '@sinclair/typebox';
import { prefixedIdPattern, prefixedIdRule } from '../ids/prefixed-id';

/**
 * evt_ followed by an opaque string (ids/prefixed-id.ts). The ids our outbox writes are ULIDs,
 * but a consumer only records and compares them; it never reads time or order out of them.
 */
export const EVENT_ID_PATTERN = prefixedIdPattern('evt');

export type EnvelopeSchema<N extends string, S extends TSchema> = TObject<{
  event: TLiteral<N>;
  id: TString;
  created_at: TString;
  data: S;
}>;

/**
 * The envelope finance tooling and webhooks receive (ARCHITECTURE.md "Events"). It is closed
 * (no other keys) while `data` stays open: metadata belongs in Kafka headers, and new optional
 * fields in `data` must not break a consumer that does not know them yet.
 */
export function envelopeSchema<N extends string, S extends TSchema>(name: N, data: S): EnvelopeSchema<N, S> {
  return Type.Object(
    {
      event: Type.Literal(name, { description: 'The event name, which is also the topic name.' }),
      id: Type.String({
        pattern: EVENT_ID_PATTERN,
        description: `Unique event id, ${prefixedIdRule('evt')}; consumers record it to apply each event once.`,
      }),
      created_at: Type.String({ format: 'date-time', description: 'When the event was recorded (RFC 3339).' }),
      data,
    },
    { additionalProperties: false },
  );
}
