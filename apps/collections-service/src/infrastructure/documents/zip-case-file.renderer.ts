import { Injectable } from '@nestjs/common';
import JSZip from 'jszip';
import { type CaseFileContents, MANIFEST_PATH } from '../../domain/case-file/case-file';
import { CaseFilePackager } from '../../application/ports/case-file.port';

/** A zip of the documents with manifest.json first, every entry dated when the file was built. */
@Injectable()
export class JsZipCaseFilePackager extends CaseFilePackager {
  readonly contentType = 'application/zip';

  async pack(contents: CaseFileContents, builtAt: Date): Promise<Uint8Array> {
    const zip = new JSZip();
    zip.file(MANIFEST_PATH, contents.manifestBytes, { date: builtAt, binary: true });
    for (const document of contents.documents) zip.file(document.path, document.content, { date: builtAt, binary: true });
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}
