import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Document } from 'yaml';
import {
  EVENT_NAMES,
  TOPICS,
  aValidEvent,
  eventDefinition,
  eventHeadersOf,
  headersCarriedBy,
  eventSchemaId,
  jsonSchemaOf,
  versionsOf,
  type EventName,
  type TopicDeclaration,
} from '@mb/events';
import { renderEventsReadme, schemaFileName } from './render-events-readme';

// The project's own build (tools/build.mjs) compiles this file to dist/ with the @mb aliases rewritten.
export const REGENERATE_COMMAND = 'source scripts/node-env.sh && npm run build && node dist/tools/events/generate-asyncapi.js';

export const EVENT_DOCS_DIR = 'docs/events';
export const SCHEMAS_DIR = `${EVENT_DOCS_DIR}/schemas`;

/**
 * Payloads are published as JSON Schema draft-07, the one JSON Schema dialect every AsyncAPI 3
 * tool must read (a 2020-12 schemaFormat needs a custom parser in the AsyncAPI parser, Studio and
 * generator). The catalogue only uses keywords that mean the same in draft-07 and 2020-12, which
 * this list enforces; the canonical 2020-12 documents sit next to it in docs/events/schemas/.
 */
const PAYLOAD_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';
const KEYWORDS_SHARED_BY_DRAFT_07_AND_2020_12 = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'minItems',
  'anyOf',
  'title',
  'description',
]);
const KAFKA_BINDING_VERSION = '0.5.0';

function toDraft07(schema: Record<string, unknown>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === '$schema' || keyword === '$id') continue;
    if (!KEYWORDS_SHARED_BY_DRAFT_07_AND_2020_12.has(keyword)) {
      throw new Error(`${path} uses "${keyword}", which the draft-07 AsyncAPI payload cannot express the same way`);
    }
    if (keyword === 'properties') {
      result[keyword] = Object.fromEntries(
        Object.entries(value as Record<string, Record<string, unknown>>).map(([name, child]) => [
          name,
          toDraft07(child, `${path}/properties/${name}`),
        ]),
      );
    } else if (keyword === 'items' || (keyword === 'additionalProperties' && typeof value === 'object')) {
      result[keyword] = toDraft07(value as Record<string, unknown>, `${path}/${keyword}`);
    } else if (keyword === 'anyOf') {
      result[keyword] = (value as Record<string, unknown>[]).map((child, index) => toDraft07(child, `${path}/anyOf/${index}`));
    } else {
      result[keyword] = value;
    }
  }
  return result;
}

function pascal(name: string): string {
  return name
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function channelId(name: EventName): string {
  const id = pascal(name);
  return id.charAt(0).toLowerCase() + id.slice(1);
}

function messageId(name: EventName, version: number): string {
  return `${channelId(name)}V${version}`;
}

function kafkaChannelBinding(topic: TopicDeclaration) {
  return {
    kafka: {
      partitions: topic.partitions,
      topicConfiguration: { 'cleanup.policy': [topic.cleanupPolicy], 'retention.ms': topic.retentionMs },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  };
}

function headersSchema(name: EventName, version: number) {
  const fixed: Record<string, string> = {
    'content-type': 'application/json',
    'event-version': String(version),
    producer: eventDefinition(name).producer,
  };
  return {
    type: 'object',
    required: headersCarriedBy(name).filter((header) => header.required).map((header) => header.name),
    properties: Object.fromEntries(
      headersCarriedBy(name).map((header) => [
        header.name,
        {
          type: 'string',
          description: header.description,
          ...(header.name in fixed ? { const: fixed[header.name] } : 'pattern' in header ? { pattern: header.pattern } : {}),
        },
      ]),
    ),
  };
}

function message(name: EventName, version: number) {
  const definition = eventDefinition(name);
  const envelope = jsonSchemaOf(name, version) as Record<string, unknown>;
  const dataProperties = ((envelope.properties as Record<string, Record<string, unknown>>).data.properties ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  const keyField = definition.partitionKey;
  const example = aValidEvent(name);
  return {
    name,
    title: `${name} v${version}`,
    summary: definition.description,
    description:
      `Envelope of ${name} version ${version}, published by ${definition.producer}. ` +
      `Canonical JSON Schema 2020-12: \`${eventSchemaId(name, version)}\` (docs/events/schemas/${schemaFileName(name, version)}). ` +
      `Kafka key: data.${keyField}.`,
    contentType: 'application/json',
    tags: [{ name: definition.producer }],
    headers: headersSchema(name, version),
    payload: { schemaFormat: PAYLOAD_SCHEMA_FORMAT, schema: toDraft07(envelope, name) },
    bindings: {
      kafka: {
        key: {
          type: 'string',
          description: `The value of data.${keyField}, so that events with the same ${keyField} stay in order.`,
          ...(typeof dataProperties[keyField]?.pattern === 'string' ? { pattern: dataProperties[keyField].pattern } : {}),
        },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    // Only the current version has a fixture; older versions are documented by their schema alone.
    ...(version === definition.currentVersion
      ? {
          examples: [
            {
              name: 'fixture',
              summary: `libs/events fixture of ${name}`,
              headers: eventHeadersOf(name, version, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }, example.data),
              payload: example,
            },
          ],
        }
      : {}),
  };
}

/** The AsyncAPI 3.0.0 document of the whole catalogue, as a plain object. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const topic of TOPICS.filter((declaration) => declaration.kind === 'event')) {
    const name = topic.event;
    const definition = eventDefinition(name);
    const id = channelId(name);
    const channelMessages: Record<string, unknown> = {};
    for (const version of versionsOf(name)) {
      messages[messageId(name, version)] = message(name, version);
      channelMessages[messageId(name, version)] = { $ref: `#/components/messages/${messageId(name, version)}` };
    }
    channels[id] = {
      address: topic.name,
      title: topic.name,
      description: `${definition.description} Key: data.${definition.partitionKey}. Dead letters: ${topic.name}.dlt.`,
      messages: channelMessages,
      bindings: kafkaChannelBinding(topic),
    };
    operations[`send${pascal(name)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      title: `${definition.producer} publishes ${name}`,
      summary: definition.description,
      description: `Published by ${definition.producer} through its transactional outbox with an idempotent producer.`,
      tags: [{ name: definition.producer }],
      messages: Object.keys(channelMessages).map((key) => ({ $ref: `#/channels/${id}/messages/${key}` })),
    };
  }
  for (const topic of TOPICS.filter((declaration) => declaration.kind === 'dead-letter')) {
    channels[`${channelId(topic.event)}DeadLetter`] = {
      address: topic.name,
      title: topic.name,
      description: `${topic.description} Same key, value and headers as the original message, plus the error.`,
      bindings: kafkaChannelBinding(topic),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Milestone billing events',
      version: '1.0.0',
      description: [
        'Every Kafka event of the milestone-billing backend, generated from libs/events.',
        '',
        'The message value is the envelope `{event, id, created_at, data}`; topic name = event name; ' +
          'the Kafka key is the `data` field named in each message binding (contract_id, or client_id for collections events).',
        'Each event is versioned on its own (the `event-version` header): adding an optional `data` field keeps the version, ' +
          'anything else is a new version. See docs/events/README.md.',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'Local development broker. Topic auto-creation is off: topics come from TOPICS in libs/events.',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

export function renderAsyncApi(): string {
  const document = new Document(asyncApiDocument(), { aliasDuplicateObjects: false });
  document.commentBefore = ` Generated from libs/events by tools/events/generate-asyncapi.ts. Do not edit: regenerate with\n ${REGENERATE_COMMAND}`;
  return document.toString({ lineWidth: 0 });
}

export interface GeneratedFile {
  /** Path from the repository root. */
  readonly path: string;
  readonly contents: string;
}

/** Everything under docs/events, rendered in memory from the catalogue. */
export function renderEventDocs(): GeneratedFile[] {
  return [
    { path: `${EVENT_DOCS_DIR}/asyncapi.yaml`, contents: renderAsyncApi() },
    { path: `${EVENT_DOCS_DIR}/README.md`, contents: renderEventsReadme(REGENERATE_COMMAND) },
    ...EVENT_NAMES.flatMap((name) =>
      versionsOf(name).map((version) => ({
        path: `${SCHEMAS_DIR}/${schemaFileName(name, version)}`,
        contents: `${JSON.stringify(jsonSchemaOf(name, version), null, 2)}\n`,
      })),
    ),
  ];
}

/** Writes docs/events and removes schema files of versions no longer declared. */
export function writeEventDocs(rootDir: string): GeneratedFile[] {
  const files = renderEventDocs();
  const schemasDir = join(rootDir, SCHEMAS_DIR);
  if (existsSync(schemasDir)) {
    const expected = new Set(files.map((file) => resolve(rootDir, file.path)));
    for (const entry of readdirSync(schemasDir)) {
      if (!expected.has(resolve(schemasDir, entry))) rmSync(join(schemasDir, entry));
    }
  }
  for (const file of files) {
    const target = join(rootDir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  return files;
}

/** The repository root: the nearest directory holding nx.json, from source or from dist/. */
export function repositoryRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${from}`);
  }
}

function main(): void {
  const root = repositoryRoot();
  const files = writeEventDocs(root);
  process.stdout.write(`wrote ${files.length} files under ${join(root, EVENT_DOCS_DIR)}\n`);
}

if (require.main === module) main();
