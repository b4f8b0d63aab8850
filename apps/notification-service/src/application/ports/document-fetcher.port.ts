import type { DocumentReference } from '../../domain/delivery/delivery';
import type { FetchedDocument } from './channels.port';

/** Why a document could not be had: a neutral reason for the attempts log (`document_http_503`, `document_timeout`). */
export class DocumentUnavailableError extends Error {
  constructor(
    readonly reference: DocumentReference,
    readonly reason: string,
  ) {
    super(`${reference.kind} ${reference.id} unavailable: ${reason}`);
    this.name = 'DocumentUnavailableError';
  }
}

/**
 * Resolves a document reference to the document, from the service that owns it (the invoice PDF
 * from invoicing-service). Throws DocumentUnavailableError when it cannot: the email is then not
 * sent, and the attempt fails as one worth retrying.
 */
export abstract class DocumentFetcher {
  abstract fetch(reference: DocumentReference): Promise<FetchedDocument>;
}
