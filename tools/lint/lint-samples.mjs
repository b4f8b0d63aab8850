// Lints source texts that exist nowhere on disk as if they were files of the repository, with the
// repository's own eslint.config.mjs. Reads [{ filePath, code }] (paths relative to the root) as
// JSON on stdin and writes one array of ESLint messages per sample as JSON on stdout.
//
// A separate process because ESLint loads its flat config with a dynamic import(), which jest's
// module sandbox refuses without --experimental-vm-modules; module-boundaries.spec.ts runs this.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const samples = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const eslint = new ESLint({ cwd: root });
const findings = [];
for (const sample of samples) {
  const [result] = await eslint.lintText(sample.code, { filePath: join(root, sample.filePath) });
  findings.push(result.messages);
}
process.stdout.write(JSON.stringify(findings));
