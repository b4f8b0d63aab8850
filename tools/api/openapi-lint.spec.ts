import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const redocly = join(root, 'node_modules', '.bin', 'redocly');
const config = join(__dirname, 'redocly.yaml');
const documents = readdirSync(join(root, 'docs', 'api')).filter((name) => /\.(json|ya?ml)$/.test(name));

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/**
 * Redocly's `lint` on one document, offline: the locally installed CLI, without its telemetry or its
 * update check (the only things it would fetch), so it runs where there is no network.
 */
function lint(document: string): Promise<{ exitCode: number; report: LintReport }> {
  const { NODE_OPTIONS: _jestOptions, ...environment } = process.env;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [redocly, 'lint', '--config', config, '--format', 'json', join(root, 'docs', 'api', document)],
      { cwd: root, env: { ...environment, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        try {
          resolve({ exitCode: error ? Number(error.code ?? 1) : 0, report: JSON.parse(stdout) as LintReport });
        } catch {
          reject(new Error(`redocly lint ${document} gave no report: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}

describe('the published OpenAPI documents, linted by Redocly (recommended rules, tools/api/redocly.yaml)', () => {
  it('are all there to lint', () => {
    expect(documents).toEqual(expect.arrayContaining(['contract-service.openapi.json', 'collections-service.openapi.json']));
  });

  it.each(documents)('%s has no error and no warning', async (document) => {
    const { exitCode, report } = await lint(document);
    const problems = report.problems.map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`);
    expect({ document, problems, exitCode }).toEqual({ document, problems: [], exitCode: 0 });
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);
});
