import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { EVENT_HEADERS, EVENT_NAMES, type EventName, TOPICS, aValidEvent, eventDefinition, headersCarriedBy, prefixedIdPattern } from '@mb/events';
import {
  REGENERATE_COMMAND,
  SCHEMAS_DIR,
  asyncApiDocument,
  renderAsyncApi,
  renderEventDocs,
  repositoryRoot,
} from './generate-asyncapi';

// The parts of an AsyncAPI 3 document these tests read.
interface Reference {
  $ref: string;
}
interface Channel {
  address: string;
  messages?: Record<string, Reference>;
  bindings: { kafka: { partitions: number; topicConfiguration: Record<string, unknown> } };
}
interface Operation {
  action: string;
  channel: Reference;
  tags: { name: string }[];
  messages: Reference[];
}
interface Message {
  name: string;
  title: string;
  headers: { required: string[]; properties: Record<string, { const?: string }> };
  payload: { schemaFormat: string; schema: object };
  bindings: { kafka: { key: { type: string; description: string; pattern?: string } } };
  examples: { headers: Record<string, string>; payload: unknown }[];
}
interface AsyncApi {
  asyncapi: string;
  info: { title: string; version: string };
  servers: Record<string, { host: string; protocol: string }>;
  channels: Record<string, Channel>;
  operations: Record<string, Operation>;
  components: { messages: Record<string, Message> };
}

describe('the published event catalogue', () => {
  const root = repositoryRoot();

  it.each(renderEventDocs().map((file) => [file.path, file.contents]))('%s is up to date with libs/events', (path, contents) => {
    // given the file as checked in
    const onDisk = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;
    // then it is what the generator renders from the catalogue now
    if (onDisk !== contents) {
      throw new Error(`${path} is ${onDisk === undefined ? 'missing' : 'stale'}; regenerate docs/events with:\n  ${REGENERATE_COMMAND}`);
    }
  });

  it('holds no schema file for an event version the catalogue no longer declares', () => {
    const expected = new Set(renderEventDocs().map((file) => file.path));
    const onDisk = existsSync(join(root, SCHEMAS_DIR)) ? readdirSync(join(root, SCHEMAS_DIR)) : [];
    const stray = onDisk.map((entry) => `${SCHEMAS_DIR}/${entry}`).filter((path) => !expected.has(path));
    if (stray.length > 0) {
      throw new Error(`${stray.join(', ')} no longer in libs/events; regenerate docs/events with:\n  ${REGENERATE_COMMAND}`);
    }
  });

  it('renders the same text every time, and the text says what the document holds', () => {
    expect(renderAsyncApi()).toBe(renderAsyncApi());
    expect(parse(renderAsyncApi())).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  describe('asyncapi.yaml', () => {
    const document = parse(renderAsyncApi()) as AsyncApi;
    const channels = Object.values(document.channels);
    const messages = Object.values(document.components.messages);
    const resolve = (reference: Reference): unknown => {
      const target = reference.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
      // A channel's message is itself a reference to components/messages.
      return typeof target === 'object' && target !== null && '$ref' in target ? resolve(target as Reference) : target;
    };

    it('is an AsyncAPI 3.0.0 document with the local Kafka server', () => {
      expect(document.asyncapi).toBe('3.0.0');
      expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(document.servers).toEqual({ kafka: expect.objectContaining({ host: 'localhost:9092', protocol: 'kafka' }) });
    });

    it('has a channel per declared topic, addressed by the topic name, with its partitions and retention', () => {
      expect(channels.map((channel) => channel.address)).toEqual(TOPICS.map((topic) => topic.name));
      for (const topic of TOPICS) {
        expect(channels.find((channel) => channel.address === topic.name)?.bindings.kafka).toMatchObject({
          partitions: topic.partitions,
          topicConfiguration: { 'retention.ms': topic.retentionMs },
        });
      }
    });

    it.each(EVENT_NAMES.map((name) => [name]))('lets the producer of %s send it, with references that resolve', (name) => {
      const operations = Object.values(document.operations).filter(
        (operation) => (resolve(operation.channel) as Channel | undefined)?.address === name,
      );
      expect(operations).toEqual([
        expect.objectContaining({ action: 'send', tags: [{ name: eventDefinition(name).producer }] }),
      ]);
      for (const reference of operations[0].messages) expect(resolve(reference)).toMatchObject({ name });
    });

    it('documents the metadata headers and the Kafka key of every message', () => {
      for (const message of messages) {
        expect(Object.keys(message.headers.properties)).toEqual(headersCarriedBy(message.name as EventName).map((header) => header.name));
        expect(message.headers.properties.producer.const).toBe(eventDefinition(message.name).producer);
        expect(message.bindings.kafka.key).toMatchObject({
          type: 'string',
          description: expect.stringContaining(`data.${eventDefinition(message.name).partitionKey}`),
        });
      }
    });

    it('publishes payloads as draft-07 schemas that accept the fixtures shown as examples', () => {
      // given a draft-07 validator, the JSON Schema dialect every AsyncAPI 3 tool reads
      const ajv = addFormats(new Ajv({ strict: true }));
      for (const name of EVENT_NAMES) {
        // the current version's message: only it shows the fixture as its example
        const message = messages.find((candidate) => candidate.title === `${name} v${eventDefinition(name).currentVersion}`);
        expect(message?.payload.schemaFormat).toBe('application/schema+json;version=draft-07');
        expect(ajv.validate(message?.payload.schema ?? false, aValidEvent(name))).toBe(true);
        expect(message?.examples[0].payload).toEqual(aValidEvent(name));
        expect(ajv.validate(message?.headers ?? false, message?.examples[0].headers)).toBe(true);
      }
    });

    it('publishes ids as a prefix and an opaque string, so ids made elsewhere validate (the seed\'s con_7732_alpha)', () => {
      // given the seed's kind of ids, not ULIDs, in a milestone.status_updated
      const ajv = addFormats(new Ajv({ strict: true }));
      const message = messages.find((candidate) => candidate.name === 'milestone.status_updated');
      const fixture = aValidEvent('milestone.status_updated');
      const seedLike = { ...fixture, id: 'evt_98234109', data: { ...fixture.data, contract_id: 'con_7732_alpha', milestone_id: 'ms_2_beta' } };
      // then the draft-07 payload and the Kafka key accept them, and still refuse a wrong prefix
      expect(ajv.validate(message?.payload.schema ?? false, seedLike)).toBe(true);
      expect(ajv.validate(message?.bindings.kafka.key ?? false, 'con_7732_alpha')).toBe(true);
      expect(ajv.validate(message?.bindings.kafka.key ?? false, 'cli_7732_alpha')).toBe(false);
      expect(ajv.validate(message?.payload.schema ?? false, { ...seedLike, id: 'con_98234109' })).toBe(false);
    });
  });

  it('publishes every envelope as a JSON Schema 2020-12 file', () => {
    const ajv = addFormats(new Ajv2020({ strict: true }));
    for (const file of renderEventDocs().filter((candidate) => candidate.path.endsWith('.json'))) {
      const schema = JSON.parse(file.contents) as { $schema: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(ajv.validateSchema(schema)).toBe(true);
    }
  });

  it('shows every topic and header in the README, and how to regenerate it', () => {
    const readme = renderEventDocs().find((file) => file.path.endsWith('README.md'))?.contents;
    for (const topic of TOPICS) expect(readme).toContain(`\`${topic.name}\``);
    for (const header of EVENT_HEADERS) expect(readme).toContain(`\`${header.name}\``);
    expect(readme).toContain(REGENERATE_COMMAND);
    expect(readme).toContain(`\`${prefixedIdPattern('con')}\``);
  });
});
