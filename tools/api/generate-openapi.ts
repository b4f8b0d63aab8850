// Writes docs/api/<service>.openapi.json from the services' code (controllers and DTOs).
//   node tools/build.mjs && node dist/tools/api/generate-openapi.js
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@mb/devstack';
import { openApiDocuments, renderDocument } from './openapi-documents';

async function main(): Promise<void> {
  const folder = join(repositoryRoot(), 'docs', 'api');
  mkdirSync(folder, { recursive: true });
  for (const [service, document] of Object.entries(await openApiDocuments())) {
    writeFileSync(join(folder, `${service}.openapi.json`), renderDocument(document));
    console.log(`wrote docs/api/${service}.openapi.json`);
  }
  process.exit(0);
}

main().catch((error: Error) => {
  console.error(`generate-openapi: ${error.stack}`);
  process.exit(1);
});
