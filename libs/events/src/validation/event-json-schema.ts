import { envelopeSchema } from '../envelope/event-envelope';
import { eventDefinition, isEventName, isEventVersion, UnknownEventError, versionsOf, type EventName } from '../catalogue/event-catalogue';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A plain JSON Schema 2020-12 document: JSON values only, no TypeBox symbols. */
export interface EventJsonSchema {
  readonly $schema: typeof JSON_SCHEMA_DIALECT;
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly [keyword: string]: unknown;
}

export function eventSchemaId(name: EventName, version: number): string {
  return `urn:milestone-billing:events:${name}:v${version}`;
}

// Reading order for people: what a value is before the rules on it, and nested schemas last.
const KEYWORD_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'minItems',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'anyOf',
];

function rank(keyword: string): number {
  const index = KEYWORD_ORDER.indexOf(keyword);
  return index === -1 ? KEYWORD_ORDER.length : index;
}

/** A JSON copy of a schema with its keywords in reading order; field order is kept as declared. */
function inReadingOrder(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const ordered: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema).sort(([a], [b]) => rank(a) - rank(b))) {
    if (keyword === 'properties') {
      ordered[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([field, child]) => [field, inReadingOrder(child)]),
      );
    } else if (keyword === 'anyOf') {
      ordered[keyword] = (value as unknown[]).map(inReadingOrder);
    } else if (keyword === 'items' || keyword === 'additionalProperties') {
      ordered[keyword] = inReadingOrder(value);
    } else {
      ordered[keyword] = value;
    }
  }
  return ordered;
}

/**
 * The JSON Schema of the whole envelope of one event version, as producers, consumers and the
 * published catalogue use it. A fresh copy on every call, so no caller can alter another's.
 */
export function jsonSchemaOf(name: EventName, version: number): EventJsonSchema {
  if (!isEventName(name)) throw new UnknownEventError(`unknown event "${String(name)}"`);
  const definition = eventDefinition(name);
  if (!isEventVersion(name, version)) {
    throw new UnknownEventError(`unknown version ${version} of event "${name}" (known: ${versionsOf(name).join(', ')})`);
  }
  const data = definition.versions[version as keyof typeof definition.versions];
  const document = {
    $schema: JSON_SCHEMA_DIALECT,
    $id: eventSchemaId(name, version),
    title: `${name} v${version}`,
    description: definition.description,
    ...envelopeSchema(name, data),
  };
  // The round trip drops TypeBox's symbol keys ([Kind], [OptionalKind]) and shares no objects.
  return inReadingOrder(JSON.parse(JSON.stringify(document))) as EventJsonSchema;
}
