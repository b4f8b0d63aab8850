import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { caseFileContents, type CaseFileDocument, jsonDocument, manifestDiscrepancies, MANIFEST_PATH } from './case-file';

const builtAt = new Date('2026-08-27T10:00:00Z');
const bytes = (text: string) => new TextEncoder().encode(text);
const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

function filesOf(documents: readonly CaseFileDocument[], manifestBytes: Uint8Array): Map<string, Uint8Array> {
  return new Map([...documents.map((document) => [document.path, document.content] as const), [MANIFEST_PATH, manifestBytes]]);
}

describe('A case file', () => {
  it('lists every document in its manifest, by path, with its size and SHA-256', () => {
    // given an invoice PDF and the contract as JSON
    const pdf: CaseFileDocument = { path: 'invoices/INV-2026-000042.pdf', contentType: 'application/pdf', content: bytes('%PDF-1.7 invoice') };
    const contract = jsonDocument('contracts/con_1/contract.json', { id: 'con_1', title: 'Checkout redesign' });
    // when the case file is put together
    const contents = caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents: [pdf, contract] });
    // then the manifest names both, in path order, with digests anyone can recompute
    expect(contents.manifest).toEqual({
      case_id: 'case_1',
      client_id: 'cli_1',
      built_at: '2026-08-27T10:00:00.000Z',
      algorithm: 'sha256',
      files: [
        { path: 'contracts/con_1/contract.json', content_type: 'application/json', size_bytes: contract.content.byteLength, sha256: sha256(contract.content) },
        { path: 'invoices/INV-2026-000042.pdf', content_type: 'application/pdf', size_bytes: 16, sha256: sha256(pdf.content) },
      ],
    });
    // and the manifest's own digest is that of the bytes written into the zip
    expect(contents.manifestSha256).toBe(sha256(contents.manifestBytes));
    expect(JSON.parse(new TextDecoder().decode(contents.manifestBytes))).toEqual(contents.manifest);
  });

  it('verifies against its own manifest for any set of documents, and catches any one byte changed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ path: fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2}\.(json|pdf)$/), content: fc.uint8Array({ minLength: 1, maxLength: 64 }) }), {
          minLength: 1,
          maxLength: 8,
          selector: (document) => document.path,
        }),
        fc.nat(),
        (generated, pick) => {
          // given a case file of the documents
          const documents = generated.map((document) => ({ ...document, contentType: 'application/octet-stream' }));
          const contents = caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents });
          // then, unpacked as it was packed, nothing disagrees with the manifest
          expect(manifestDiscrepancies(contents.manifest, filesOf(contents.documents, contents.manifestBytes))).toEqual([]);
          // and when one byte of one document changes, that document is named
          const tampered = contents.documents[pick % contents.documents.length];
          const changed = Uint8Array.from(tampered.content);
          changed[0] = (changed[0] + 1) % 256;
          const files = filesOf(contents.documents, contents.manifestBytes).set(tampered.path, changed);
          expect(manifestDiscrepancies(contents.manifest, files)).toEqual([`${tampered.path}: digest differs`]);
        },
      ),
    );
  });

  it('names a listed file that is missing and a file the manifest does not list', () => {
    const contents = caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents: [jsonDocument('case.json', { id: 'case_1' })] });
    const files = new Map([['extra.pdf', bytes('%PDF')]]);
    expect(manifestDiscrepancies(contents.manifest, files)).toEqual(['case.json: missing', 'extra.pdf: not in the manifest']);
  });

  it('refuses a path twice, a path leaving the zip, and a document posing as the manifest', () => {
    const document = jsonDocument('case.json', {});
    expect(() => caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents: [document, document] })).toThrow('appears twice');
    expect(() => caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents: [jsonDocument('../etc/passwd', {})] })).toThrow('plain relative path');
    expect(() => caseFileContents({ caseId: 'case_1', clientId: 'cli_1', builtAt, documents: [jsonDocument(MANIFEST_PATH, {})] })).toThrow("case file's own");
  });
});
