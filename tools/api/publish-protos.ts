// Copies the .proto files of libs/grpc/proto to docs/api/proto, where the APIs' users find them.
//   node tools/build.mjs && node dist/tools/api/publish-protos.js
// tools/api/protos.spec.ts fails while a published copy differs from its source.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PUBLISHED_PROTO_ROOT, protosUnder, SOURCE_PROTO_ROOT } from './proto-files';

rmSync(PUBLISHED_PROTO_ROOT, { recursive: true, force: true });
for (const [file, text] of protosUnder(SOURCE_PROTO_ROOT)) {
  const target = join(PUBLISHED_PROTO_ROOT, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote docs/api/proto/${file}`);
}
