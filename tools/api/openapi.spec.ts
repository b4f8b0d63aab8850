import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocuments, renderDocument } from './openapi-documents';
import type { OpenApiDocument } from './openapi-schemas';

describe('the published OpenAPI documents', () => {
  let documents: Record<string, OpenApiDocument>;
  beforeAll(async () => {
    documents = (await openApiDocuments()) as Record<string, OpenApiDocument>;
  });

  /** Every operation of every document, with where it is. */
  function operations() {
    return Object.entries(documents).flatMap(([service, document]) =>
      Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ where: `${service} ${method.toUpperCase()} ${path}`, method, operation }))),
    );
  }

  it('match what the services\' controllers describe (regenerate: node tools/build.mjs && node dist/tools/api/generate-openapi.js)', () => {
    for (const [service, document] of Object.entries(documents)) {
      const published = readFileSync(join(__dirname, '..', '..', 'docs', 'api', `${service}.openapi.json`), 'utf8');
      expect({ service, document: renderDocument(document) }).toEqual({ service, document: published });
    }
  });

  it('describe every service\'s versioned endpoints', () => {
    expect(Object.keys(documents['contract-service'].paths)).toEqual(expect.arrayContaining(['/v1/clients', '/v1/contracts', '/v1/contracts/{id}/activate']));
    expect(Object.keys(documents['invoicing-service'].paths)).toEqual(expect.arrayContaining(['/v1/payments']));
  });

  it('publish no test-only endpoint (the test clock, mounted here) and no operations endpoint (health, metrics)', () => {
    for (const document of Object.values(documents)) {
      expect(Object.keys(document.paths).filter((path) => !path.startsWith('/v1/') || path.startsWith('/v1/test-clock'))).toEqual([]);
      expect(Object.keys(document.components.schemas)).not.toContain('TravelToDto');
    }
  });

  it('name and summarise every operation, and describe its success answer', () => {
    for (const { where, operation } of operations()) {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ where, operationId: /^[a-z][A-Za-z]+$/.test(operation.operationId ?? ''), summary: Boolean(operation.summary) }).toEqual({ where, operationId: true, summary: true });
      // a 204 (signing out) says so by having no content at all
      expect({ where, success: success.map(([status, response]) => (status === '204' ? response.content === undefined : Boolean(response.content && Object.values(response.content)[0].schema))) }).toEqual({
        where,
        success: [true],
      });
    }
  });

  it('describe every refusal as a Problem with the stable codes it can carry', () => {
    for (const { where, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses).filter(([code]) => /^[45]/.test(code))) {
        expect({ where, status, content: response.content }).toEqual({ where, status, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
        expect({ where, status, codes: /Codes: (`[a-z0-9_]+\.[a-z0-9_.]+`(, )?)+\.$/.test(response.description) }).toEqual({ where, status, codes: true });
      }
    }
  });

  it('offer the Idempotency-Key header on every POST, as IdempotencyInterceptor serves it', () => {
    // Inbound webhooks (x-mb-signature) are deduplicated by their sender's delivery id instead: GitHub and Jira send no key.
    for (const { where, method, operation } of operations().filter(({ method, operation }) => method === 'post' && operation['x-mb-signature'] === undefined)) {
      const header = operation.parameters?.find((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
      expect({ where, method, header: Boolean(header), reused: operation.responses['422']?.description.includes('`idempotency_key.reused`') }).toEqual({
        where,
        method,
        header: true,
        reused: true,
      });
    }
  });
});
