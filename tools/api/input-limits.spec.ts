// Input limits (issue 12 item 9), read from the published OpenAPI documents, which are generated
// from the same class-validator DTOs that validate REST and gRPC requests: every string a client
// can send has a maximum length (or is an enum, a bounded pattern or a date), and every amount in
// cents is capped at 10^15 minor units. A new DTO field without a limit fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_AMOUNT_CENTS } from '@mb/events';
import { repositoryRoot } from '@mb/devstack';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; $ref?: string };
type Document = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

const docs = join(repositoryRoot(), 'docs', 'api');
const documents = readdirSync(docs)
  .filter((name) => name.endsWith('.openapi.json'))
  .map((name) => [name, JSON.parse(readFileSync(join(docs, name), 'utf8')) as Document] as const);

/** A pattern that admits strings of bounded length only: anchored, no `+`, `*` or open `{n,}`. */
function isBoundedPattern(pattern: string): boolean {
  return pattern.startsWith('^') && pattern.endsWith('$') && !/(?<!\\)[+*]|\{\d+,\}/.test(pattern);
}

/** Why a string schema is unbounded, or undefined when it is bounded. */
function unboundedString(schema: Schema): boolean {
  if (schema.type !== 'string') return false;
  if (typeof schema.maxLength === 'number' || Array.isArray(schema.enum)) return false;
  if (typeof schema.pattern === 'string' && isBoundedPattern(schema.pattern)) return false;
  const formats = [schema.format, ...((schema.anyOf as Schema[] | undefined) ?? []).map((option) => option.format)];
  return !formats.every((format) => format === 'date' || format === 'date-time');
}

function offencesIn(document: Document, schema: Schema, path: string, seen: Set<string>): string[] {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() as string;
    if (seen.has(name)) return [];
    seen.add(name);
    return offencesIn(document, document.components.schemas[name], path, seen);
  }
  const own: string[] = [];
  if (unboundedString(schema)) own.push(`${path}: a string without a maximum length`);
  if (/_cents(\[\])?$/.test(path) && schema.type === 'integer' && !(typeof schema.maximum === 'number' && schema.maximum <= MAX_AMOUNT_CENTS)) {
    own.push(`${path}: an amount not capped at ${MAX_AMOUNT_CENTS}`);
  }
  const nested = Object.entries(schema.properties ?? {}).flatMap(([field, child]) => offencesIn(document, child, `${path}.${field}`, seen));
  const items = schema.items ? offencesIn(document, schema.items, `${path}[]`, seen) : [];
  return [...own, ...nested, ...items];
}

describe('input limits in the published API', () => {
  it('finds the request bodies and parameters of every service (so the next test is not vacuous)', () => {
    const bodies = documents.flatMap(([, document]) => Object.values(document.paths).flatMap((operations) => Object.values(operations).filter((operation) => operation.requestBody)));
    expect(documents).toHaveLength(5);
    expect(bodies.length).toBeGreaterThanOrEqual(10);
  });

  it.each(documents)('%s: every string has a maximum length and every amount a cap', (_name, document) => {
    const offences = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => {
        const where = `${method.toUpperCase()} ${path}`;
        const body = operation.requestBody?.content?.['application/json']?.schema;
        const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in !== 'path' && parameter.schema);
        return [
          ...(body ? offencesIn(document, body, `${where} body`, new Set()) : []),
          ...parameters.flatMap((parameter) => offencesIn(document, parameter.schema as Schema, `${where} ${parameter.in} ${parameter.name}`, new Set())),
        ];
      }),
    );
    expect(offences).toEqual([]);
  });

  it('tells a bounded pattern from an open one', () => {
    expect(isBoundedPattern('^cli_[A-Za-z0-9_-]{1,64}$')).toBe(true);
    expect(isBoundedPattern('^[a-z]{3}$')).toBe(true);
    expect(isBoundedPattern('^[a-z]+$')).toBe(false);
    expect(isBoundedPattern('^a{2,}$')).toBe(false);
    expect(isBoundedPattern('[a-z]{3}')).toBe(false);
  });
});
