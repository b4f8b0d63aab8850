import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { caseFileContents, sha256Hex } from '../../domain/case-file/case-file';
import type { CollectionsCase } from '../../domain/case/case';
import { caseNotFound, illegalCaseTransition } from '../../domain/case/case.errors';
import { CaseChanges } from '../case-changes/case-changes.handler';
import { CASE_FILE_SECTIONS, CaseFilePackager, CaseFileRepository, CaseFileSection, type StoredCaseFile } from '../ports/case-file.port';
import { CaseRepository } from '../ports/case.repository';

export interface HandOffCase {
  readonly caseId: string;
  readonly agency: string;
  readonly reason: string;
  /** Who hands it off: the caller's subject. */
  readonly by: string;
}

/**
 * Hands a case to a collection agency (issue 11 item 6). The case file is gathered first, from the
 * other services' APIs and collections' own records, outside any transaction (it takes a while and
 * holds no lock); then, in one unit of work, the case (locked, and still open) is handed off, the
 * case file stored and collections.handed_off put in the outbox with the file's digests. Dunning
 * stops because the ladder moves only open cases. A case that moved on meanwhile (paid, handed off
 * by someone else) refuses with 409 and the file gathered is dropped.
 */
@Injectable()
export class HandOffCaseHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly cases: CaseRepository,
    private readonly caseFiles: CaseFileRepository,
    private readonly packager: CaseFilePackager,
    @Inject(CASE_FILE_SECTIONS) private readonly sections: readonly CaseFileSection[],
    private readonly changes: CaseChanges,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: HandOffCase): Promise<{ collectionsCase: CollectionsCase; caseFile: StoredCaseFile }> {
    const current = await this.cases.findById(command.caseId);
    if (!current) throw caseNotFound(command.caseId);
    const before = current.snapshot();
    if (before.status !== 'open') throw illegalCaseTransition(before.id, before.status, 'handed_off');

    const builtAt = this.clock.now();
    const handOff = { agency: command.agency.trim(), reason: command.reason.trim(), by: command.by, at: builtAt };
    const documents = (await Promise.all(this.sections.map((section) => section.collect({ collectionsCase: before, handOff })))).flat();
    const contents = caseFileContents({ caseId: before.id, clientId: before.clientId, builtAt, documents });
    const zip = await this.packager.pack(contents, builtAt);
    const caseFile: StoredCaseFile = {
      id: newId('cf'),
      caseId: before.id,
      content: zip,
      sha256: sha256Hex(zip),
      manifestSha256: contents.manifestSha256,
      sizeBytes: zip.byteLength,
      builtAt,
    };

    return this.unitOfWork.run(async () => {
      const collectionsCase = await this.cases.findByIdForUpdate(command.caseId);
      if (!collectionsCase) throw caseNotFound(command.caseId);
      collectionsCase.handOff(this.clock.now(), { agency: command.agency, reason: command.reason, by: command.by });
      await this.caseFiles.add(caseFile);
      await this.changes.changed(collectionsCase, undefined, { caseFile: { ...caseFile, caseFileId: caseFile.id } });
      return { collectionsCase, caseFile };
    });
  }
}
