// Compiles apps/, libs/ and tools/ to dist/ with SWC (decorator metadata included), one file at a
// time, and rewrites the `@mb/<lib>` aliases into relative requires so that the output runs with
// plain `node` and no resolver hook. The .proto files are copied beside them (libs/grpc/proto →
// dist/libs/grpc/proto), since the gRPC servers load them at start; so are the email templates
// (apps/notification-service/src/templates/**/*.hbs), which notification-service reads at start, and
// the client portal's page templates and stylesheet (apps/client-portal/src/templates/*.hbs, assets/*.css). Type checking is `npm run typecheck`, done by the test command.
import { transformFile } from '@swc/core';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const swcOptions = { ...JSON.parse(await readFile(join(root, '.swcrc'), 'utf8')), swcrc: false };

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'test') continue;
      yield* sources(path);
    } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) || entry.name.endsWith('.proto') || entry.name.endsWith('.hbs') || entry.name.endsWith('.css')) {
      yield path;
    }
  }
}

function rewriteAliases(code, outFile) {
  return code.replace(/require\("@mb\/([a-z-]+)"\)/g, (_, lib) => {
    let target = relative(dirname(outFile), join(outDir, 'libs', lib, 'src', 'index.js')).split(sep).join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    return `require("${target}")`;
  });
}

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
let count = 0;
const work = [];
for (const top of ['apps', 'libs', 'tools']) {
  for await (const file of sources(join(root, top))) {
    if (file.endsWith('.proto') || file.endsWith('.hbs') || file.endsWith('.css')) {
      const copy = join(outDir, relative(root, file));
      work.push(mkdir(dirname(copy), { recursive: true }).then(() => copyFile(file, copy)));
      continue;
    }
    const outFile = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    work.push(
      transformFile(file, { ...swcOptions, filename: file, sourceFileName: relative(dirname(outFile), file) }).then(
        async ({ code, map }) => {
          await mkdir(dirname(outFile), { recursive: true });
          await writeFile(outFile, `${rewriteAliases(code, outFile)}\n//# sourceMappingURL=${outFile.split(sep).pop()}.map\n`);
          if (map) await writeFile(`${outFile}.map`, map);
          count += 1;
        },
      ),
    );
  }
}
await Promise.all(work);
console.log(`build: ${count} files compiled to dist/ in ${Date.now() - started} ms`);
