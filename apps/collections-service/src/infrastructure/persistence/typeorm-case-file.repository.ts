import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { CaseFileRepository, type StoredCaseFile } from '../../application/ports/case-file.port';

interface CaseFileRow {
  id: string;
  case_id: string;
  content: Buffer;
  sha256: string;
  manifest_sha256: string;
  size_bytes: number;
  built_at: Date;
}

@Injectable()
export class TypeOrmCaseFileRepository extends CaseFileRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(caseFile: StoredCaseFile): Promise<void> {
    await this.unitOfWork
      .currentManager()
      .query(`INSERT INTO collections.case_files (id, case_id, content, sha256, manifest_sha256, size_bytes, built_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        caseFile.id,
        caseFile.caseId,
        Buffer.from(caseFile.content),
        caseFile.sha256,
        caseFile.manifestSha256,
        caseFile.sizeBytes,
        caseFile.builtAt,
      ]);
  }

  async findByCase(caseId: string): Promise<StoredCaseFile | null> {
    const [row]: CaseFileRow[] = await this.unitOfWork
      .readManager()
      .query(`SELECT id, case_id, content, sha256, manifest_sha256, size_bytes, built_at FROM collections.case_files WHERE case_id = $1`, [caseId]);
    if (!row) return null;
    return {
      id: row.id,
      caseId: row.case_id,
      content: new Uint8Array(row.content),
      sha256: row.sha256,
      manifestSha256: row.manifest_sha256,
      sizeBytes: row.size_bytes,
      builtAt: new Date(row.built_at),
    };
  }
}
