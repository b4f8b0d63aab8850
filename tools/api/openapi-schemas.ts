// Checks values against the schemas of a published OpenAPI 3.0 document (docs/api/*.openapi.json),
// strictly: a documented object may have no field the document does not name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string; summary?: string; parameters?: { name: string; in: string }[]; responses: Record<string, Response>; 'x-mb-signature'?: string }>>;
  components: { schemas: Record<string, Schema> };
}

interface Response {
  description: string;
  content?: Record<string, { schema: Schema }>;
}

export function publishedDocument(service: string): OpenApiDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'api', `${service}.openapi.json`), 'utf8')) as OpenApiDocument;
}

/**
 * The check for one response of one operation, as the document describes it: `validate(value)`
 * answers the ways the value differs from it (none when it matches).
 */
export function responseChecker(document: OpenApiDocument, method: string, path: string, status: number): (value: unknown) => string[] {
  const response = document.paths[path]?.[method]?.responses[String(status)];
  if (!response?.content) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} response with content`);
  const [media] = Object.values(response.content);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile({
    ...(strict(media.schema) as Schema),
    components: { schemas: Object.fromEntries(Object.entries(document.components.schemas).map(([name, schema]) => [name, strict(schema)])) },
  });
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
  };
}

/**
 * OpenAPI 3.0 to JSON Schema, stricter: `nullable` becomes "or null", and an object that lists its
 * properties allows no others, so a field the API returns but the document omits is caught.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, example: _example, ...rest } = schema as Schema;
  const converted: Schema = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as Schema).map(([name, property]) => [name, strict(property)])) : strict(value)]),
  );
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  return nullable === true ? { anyOf: [{ type: 'null' }, converted] } : converted;
}
