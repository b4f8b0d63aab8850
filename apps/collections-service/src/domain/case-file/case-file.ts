import { createHash } from 'node:crypto';

/** One document of a case file: where it sits in the zip, what it is, and its bytes. */
export interface CaseFileDocument {
  /** Path inside the zip, forward slashes, no leading slash (`invoices/INV-2026-000042.pdf`). */
  readonly path: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** A line of manifest.json: a file of the case file with its size and SHA-256. */
export interface CaseFileManifestEntry {
  readonly path: string;
  readonly content_type: string;
  readonly size_bytes: number;
  readonly sha256: string;
}

/** manifest.json: every other file of the zip with its digest, so the agency (or a court) can check nothing changed. */
export interface CaseFileManifest {
  readonly case_id: string;
  readonly client_id: string;
  readonly built_at: string;
  readonly algorithm: 'sha256';
  readonly files: readonly CaseFileManifestEntry[];
}

export const MANIFEST_PATH = 'manifest.json';

/** What goes into the zip: the documents and the manifest listing them, and the manifest's own digest. */
export interface CaseFileContents {
  readonly documents: readonly CaseFileDocument[];
  readonly manifest: CaseFileManifest;
  /** manifest.json as written into the zip. */
  readonly manifestBytes: Uint8Array;
  readonly manifestSha256: string;
}

export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/**
 * The case file's contents from its documents: sorted by path (one order whoever built it), each
 * path once, and a manifest giving each file's size and SHA-256. The manifest cannot list its own
 * digest, so that one is published beside the case file (collections.handed_off).
 */
export function caseFileContents(input: { caseId: string; clientId: string; builtAt: Date; documents: readonly CaseFileDocument[] }): CaseFileContents {
  const documents = [...input.documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const [index, document] of documents.entries()) {
    if (!SAFE_PATH.test(document.path) || document.path.split('/').some((part) => part === '.' || part === '..')) throw new RangeError(`case file path "${document.path}" is not a plain relative path`);
    if (document.path === MANIFEST_PATH) throw new RangeError(`${MANIFEST_PATH} is the case file's own`);
    if (index > 0 && documents[index - 1].path === document.path) throw new RangeError(`case file path "${document.path}" appears twice`);
  }
  const manifest: CaseFileManifest = {
    case_id: input.caseId,
    client_id: input.clientId,
    built_at: input.builtAt.toISOString(),
    algorithm: 'sha256',
    files: documents.map((document) => ({ path: document.path, content_type: document.contentType, size_bytes: document.content.byteLength, sha256: sha256Hex(document.content) })),
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  return { documents, manifest, manifestBytes, manifestSha256: sha256Hex(manifestBytes) };
}

/** A JSON document of the case file, pretty-printed so that a person can read it. */
export function jsonDocument(path: string, value: unknown): CaseFileDocument {
  return { path, contentType: 'application/json', content: new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`) };
}

/**
 * Which files of an unpacked case file disagree with its manifest: a digest or size that differs,
 * a file listed but missing, or a file present but not listed. Empty when the case file is intact.
 */
export function manifestDiscrepancies(manifest: CaseFileManifest, files: ReadonlyMap<string, Uint8Array>): string[] {
  const problems: string[] = [];
  const listed = new Set(manifest.files.map((entry) => entry.path));
  for (const entry of manifest.files) {
    const content = files.get(entry.path);
    if (!content) problems.push(`${entry.path}: missing`);
    else if (content.byteLength !== entry.size_bytes) problems.push(`${entry.path}: ${content.byteLength} bytes, manifest says ${entry.size_bytes}`);
    else if (sha256Hex(content) !== entry.sha256) problems.push(`${entry.path}: digest differs`);
  }
  for (const path of files.keys()) if (path !== MANIFEST_PATH && !listed.has(path)) problems.push(`${path}: not in the manifest`);
  return problems;
}
