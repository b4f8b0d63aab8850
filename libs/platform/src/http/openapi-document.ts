import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IS_ISO8601 } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { ProblemResponse } from './problem.response';
import { SIGNATURE_EXTENSION } from '../auth/signature-authenticated';
import { OPEN_EXTENSION } from '../auth/access-policy';
import { IS_EMAIL_ADDRESS } from './validation';

/** Only the versioned API is published: health and metrics are for the orchestrator, not for clients. */
const PUBLISHED_PATH = /^\/v\d+\//;

/** The name of the security scheme every operation requires. */
export const BEARER_SCHEME = 'bearer';

/** The service's REST API as OpenAPI 3, served at /docs (and /docs/openapi.json) and kept in docs/api/. */
export function openApiDocumentOf(serviceName: string, app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${serviceName} API`)
    .setDescription(
      `REST API of ${serviceName}. Errors are application/problem+json (RFC 9457), the \`Problem\` schema, with a stable \`code\`; ` +
        'each operation lists the codes it can return. Every operation needs an OAuth 2.0 access token (JWT) as a Bearer token; ' +
        'each lists the roles that may call it (`x-mb-roles`; docs/api/README.md, "Authentication and roles"). ' +
        'An operation anyone may call without a credential says so with `x-mb-open` and no security requirement.',
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "An OAuth 2.0 access token from the company's identity provider (locally: node dist/tools/auth/issue-token.js)." }, BEARER_SCHEME)
    .setVersion('1')
    // Relative: the service serving this document at /docs/openapi.json, wherever it runs (ports: docs/api/README.md).
    .addServer('/', `${serviceName}, where this document is served from`)
    .build();
  // package.json's licence; the link says what UNLICENSED means (no rights granted).
  config.info.license = { name: 'UNLICENSED', url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#license' };
  delete config.info.contact;
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemResponse] });
  // Every published operation requires a token (health and metrics, which need none, are not published).
  document.security = [{ [BEARER_SCHEME]: [] }];
  for (const path of Object.keys(document.paths)) {
    if (!PUBLISHED_PATH.test(path)) delete document.paths[path];
  }
  // Inbound webhooks (@SignatureAuthenticated) need no token: the sender signs the body instead.
  // Operations open to anyone (ANYONE) need none either: they come before a caller has one.
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item) as { [SIGNATURE_EXTENSION]?: string; [OPEN_EXTENSION]?: boolean; security?: unknown[] }[]) {
      if (operation?.[SIGNATURE_EXTENSION] !== undefined || operation?.[OPEN_EXTENSION] === true) operation.security = [];
    }
  }

  // Request bodies are described by their class-validator rules, the same ones that validate them,
  // so the document cannot drift from what the API accepts.
  const validated = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    // IsISO8601 accepts a date or a date-time, and a date-time is no date: either may match, so anyOf (oneOf would claim they exclude each other).
    additionalConverters: {
      [IS_ISO8601]: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
      [IS_EMAIL_ADDRESS]: { type: 'string', format: 'email' },
    },
  }) as Record<string, object>;
  const schemas = document.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    if (validated[name]) schemas[name] = validated[name];
  }
  // A validated class may refer to another (a nested DTO): add every one referred to, until none is missing.
  for (let added = true; added; ) {
    added = false;
    const text = JSON.stringify(document);
    for (const [name, schema] of Object.entries(validated)) {
      if (!schemas[name] && text.includes(`"#/components/schemas/${name}"`)) {
        schemas[name] = schema;
        added = true;
      }
    }
  }
  return document;
}
