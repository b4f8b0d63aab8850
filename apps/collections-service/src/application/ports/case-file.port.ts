import type { CaseFileContents, CaseFileDocument } from '../../domain/case-file/case-file';
import type { CaseHandOff, CaseSnapshot } from '../../domain/case/case';

/** What a section of a case file is built from: the case as it stands and the hand-off being made. */
export interface CaseFileContext {
  readonly collectionsCase: CaseSnapshot;
  readonly handOff: CaseHandOff;
}

/**
 * One part of a case file (the contracts, the invoices, the communications…), gathered from
 * wherever it lives. Sections are independent: a new one (disputes, promises, payment plans) plugs
 * in by being added to CASE_FILE_SECTIONS, and its documents are listed in the manifest like any.
 * A source that cannot answer makes the section throw, and the hand-off fails rather than hand an
 * agency an incomplete file.
 */
export abstract class CaseFileSection {
  /** Names the section in errors and logs (`invoices`). */
  abstract readonly name: string;
  abstract collect(context: CaseFileContext): Promise<CaseFileDocument[]>;
}

/** The sections a case file is made of, in no particular order (the manifest sorts by path). */
export const CASE_FILE_SECTIONS = Symbol('CASE_FILE_SECTIONS');

/** Packs the documents and their manifest into the one file the agency receives (a zip). */
export abstract class CaseFilePackager {
  abstract readonly contentType: string;
  abstract pack(contents: CaseFileContents, builtAt: Date): Promise<Uint8Array>;
}

/** A case file as stored: the bytes handed over, with their digests. */
export interface StoredCaseFile {
  readonly id: string;
  readonly caseId: string;
  readonly content: Uint8Array;
  readonly sha256: string;
  readonly manifestSha256: string;
  readonly sizeBytes: number;
  readonly builtAt: Date;
}

/** Where case files are kept, one per case; writes join the open unit of work. */
export abstract class CaseFileRepository {
  abstract add(caseFile: StoredCaseFile): Promise<void>;
  abstract findByCase(caseId: string): Promise<StoredCaseFile | null>;
}
