import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EVENT_NAMES, eventDefinition } from '../catalogue/event-catalogue';
import { UnknownEventError } from '../catalogue/event-catalogue';
import { aValidEvent } from '../fixtures/event-fixtures';
import { jsonSchemaOf } from './event-json-schema';

describe('jsonSchemaOf', () => {
  it('documents the whole envelope as JSON Schema 2020-12 with a stable id', () => {
    // when the schema of the seed event is asked for
    const schema = jsonSchemaOf('milestone.status_updated', 1);
    // then it is a self-describing 2020-12 document of the closed envelope
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'urn:milestone-billing:events:milestone.status_updated:v1',
      title: 'milestone.status_updated v1',
      description: 'A milestone moved to another state of its lifecycle.',
      type: 'object',
      required: ['event', 'id', 'created_at', 'data'],
      additionalProperties: false,
      properties: { event: { const: 'milestone.status_updated' } },
    });
    expect(Object.keys(schema).slice(0, 4)).toEqual(['$schema', '$id', 'title', 'description']);
  });

  it('is plain JSON: no TypeBox symbols, and a copy each time', () => {
    const schema = jsonSchemaOf('invoice.issued', 1);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    const symbols: symbol[] = [];
    const visit = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      symbols.push(...Object.getOwnPropertySymbols(node));
      Object.values(node).forEach(visit);
    };
    visit(schema);
    expect(symbols).toEqual([]);
    expect(jsonSchemaOf('invoice.issued', 1)).not.toBe(schema);
  });

  it.each(EVENT_NAMES.map((name) => [name]))('gives %s a schema any 2020-12 validator can use on its own', (name) => {
    // given a validator that knows nothing about TypeBox or this library
    const ajv = addFormats(new Ajv2020({ strict: true }));
    // then the published schema compiles and accepts the fixture
    expect(ajv.validate(jsonSchemaOf(name, eventDefinition(name).currentVersion), aValidEvent(name))).toBe(true);
  });

  it('throws for a version the catalogue does not declare', () => {
    expect(() => jsonSchemaOf('invoice.issued', 9)).toThrow(UnknownEventError);
  });
});
