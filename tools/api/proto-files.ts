import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repositoryRoot } from '@mb/devstack';

/** The .proto files, kept in one place: libs/grpc/proto. */
export const SOURCE_PROTO_ROOT = join(repositoryRoot(), 'libs', 'grpc', 'proto');

/** Where they are published for the APIs' users: docs/api/proto, the same tree. */
export const PUBLISHED_PROTO_ROOT = join(repositoryRoot(), 'docs', 'api', 'proto');

/** Every .proto file under a root, as paths relative to it with forward slashes, sorted. */
export function protoFilesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.proto')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** The protos under a root by relative path, with their text. */
export function protosUnder(root: string): Map<string, string> {
  return new Map(protoFilesUnder(root).map((file) => [file, readFileSync(join(root, file), 'utf8')]));
}
