import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface ValidationIssue {
  readonly rule: string | null;
  readonly location: string | null;
  readonly text: string;
}

export interface ValidationReport {
  readonly validationSet: string;
  readonly errors: ValidationIssue[];
  readonly warnings: ValidationIssue[];
}

const VALIDATOR = join(__dirname, '..', '..', '..', '..', 'tools', 'ubl-validator');

/**
 * Validates UBL documents with an independent validator, not one of ours: the phive engine and the
 * OpenPeppol rule set (Peppol BIS Billing 3.0, EN 16931 included) from Maven Central, through the
 * small Java command in tools/ubl-validator (built here when its jar is missing or stale). One JVM
 * for all the documents given: the Schematron compile is the slow part.
 */
export async function validateWithPhive(documents: Record<string, string>): Promise<Record<string, ValidationReport>> {
  execFileSync(join(VALIDATOR, 'build.sh'), { stdio: 'inherit' });
  const directory = mkdtempSync(join(tmpdir(), 'ubl-'));
  const files = Object.entries(documents).map(([name, xml]) => {
    const file = join(directory, `${name}.xml`);
    writeFileSync(file, xml);
    return [name, file] as const;
  });
  // Exit code 1 means "a document has errors": the report is on stdout either way.
  const stdout = await promisify(execFile)('java', ['-jar', join(VALIDATOR, 'target', 'ubl-validator.jar'), ...files.map(([, file]) => file)], { maxBuffer: 16 * 1024 * 1024 })
    .then((result) => result.stdout)
    .catch((error: { code?: number; stdout?: string }) => {
      if (error.code === 1 && error.stdout) return error.stdout;
      throw error;
    });
  const report = JSON.parse(stdout) as { documents: { file: string; validation_set: string; errors: ValidationIssue[]; warnings: ValidationIssue[] }[] };
  return Object.fromEntries(
    files.map(([name, file]) => {
      const found = report.documents.find((document) => document.file === file);
      if (!found) throw new Error(`the validator said nothing about ${name}`);
      return [name, { validationSet: found.validation_set, errors: found.errors, warnings: found.warnings }];
    }),
  );
}
