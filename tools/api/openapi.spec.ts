import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocuments, renderDocument } from './openapi-documents';

describe('the published OpenAPI documents', () => {
  it('match what the services\' controllers describe (regenerate: node tools/build.mjs && node dist/tools/api/generate-openapi.js)', async () => {
    const documents = await openApiDocuments();
    for (const [service, document] of Object.entries(documents)) {
      const published = readFileSync(join(__dirname, '..', '..', 'docs', 'api', `${service}.openapi.json`), 'utf8');
      expect({ service, document: renderDocument(document) }).toEqual({ service, document: published });
    }
  });

  it('describe every service\'s versioned endpoints', async () => {
    const documents = (await openApiDocuments()) as Record<string, { paths: Record<string, unknown> }>;
    expect(Object.keys(documents['contract-service'].paths)).toEqual(expect.arrayContaining(['/v1/clients', '/v1/contracts', '/v1/contracts/{id}/activate']));
    expect(Object.keys(documents['invoicing-service'].paths)).toEqual(expect.arrayContaining(['/v1/payments']));
  });
});
