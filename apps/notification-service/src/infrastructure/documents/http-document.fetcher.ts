import { Inject, Injectable } from '@nestjs/common';
import { egressFailureReasonOf, SERVICE_CONFIG } from '@mb/platform';
import type { NotificationServiceConfig } from '../../config';
import type { FetchedDocument } from '../../application/ports/channels.port';
import { DocumentFetcher, DocumentUnavailableError } from '../../application/ports/document-fetcher.port';
import type { DocumentKind, DocumentReference } from '../../domain/delivery/delivery';

/** The services whose public APIs documents are fetched from. */
type DocumentService = 'invoicing' | 'collections';

/** Where each kind of document is, on the owning service's public API, and what it is. */
const SOURCES: Readonly<Record<DocumentKind, { service: DocumentService; path: (id: string) => string; contentType: string; extension: string }>> = {
  invoice_pdf: { service: 'invoicing', path: (id) => `/v1/invoices/${encodeURIComponent(id)}/pdf`, contentType: 'application/pdf', extension: 'pdf' },
  // Served by invoicing-service's credit notes (issue 10 item 1).
  credit_note_pdf: { service: 'invoicing', path: (id) => `/v1/credit-notes/${encodeURIComponent(id)}/pdf`, contentType: 'application/pdf', extension: 'pdf' },
  // Served by collections-service's payment plans (issue 11 item 5).
  payment_plan_pdf: { service: 'collections', path: (id) => `/v1/payment-plans/${encodeURIComponent(id)}/schedule.pdf`, contentType: 'application/pdf', extension: 'pdf' },
};

/**
 * Fetches documents over HTTP from the owning service's REST API (invoicing-service's invoices and
 * credit notes, collections-service's payment plans), as any other client of it would: with the
 * bearer credential configured for that API (INVOICING_API_CREDENTIAL, COLLECTIONS_API_CREDENTIAL:
 * a service-role token or an API key). The file name is the one the API gives (`INV-2026-000001.pdf`).
 */
@Injectable()
export class HttpDocumentFetcher extends DocumentFetcher {
  private readonly apis: Readonly<Record<DocumentService, { baseUrl: string; credential: string | undefined }>>;
  private readonly timeoutMs: number;

  constructor(
    @Inject(SERVICE_CONFIG)
    config: Pick<
      NotificationServiceConfig,
      'INVOICING_API_URL' | 'INVOICING_API_CREDENTIAL' | 'COLLECTIONS_API_URL' | 'COLLECTIONS_API_CREDENTIAL' | 'DOCUMENT_FETCH_TIMEOUT_MS'
    >,
  ) {
    super();
    this.apis = {
      invoicing: { baseUrl: config.INVOICING_API_URL.replace(/\/+$/, ''), credential: config.INVOICING_API_CREDENTIAL },
      collections: { baseUrl: config.COLLECTIONS_API_URL.replace(/\/+$/, ''), credential: config.COLLECTIONS_API_CREDENTIAL },
    };
    this.timeoutMs = config.DOCUMENT_FETCH_TIMEOUT_MS;
  }

  async fetch(reference: DocumentReference): Promise<FetchedDocument> {
    const source = SOURCES[reference.kind];
    const api = this.apis[source.service];
    let response: Response;
    try {
      response = await fetch(`${api.baseUrl}${source.path(reference.id)}`, {
        headers: { accept: source.contentType, ...(api.credential ? { authorization: `Bearer ${api.credential}` } : {}) },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : egressFailureReasonOf((error as Error).cause ?? error);
      throw new DocumentUnavailableError(reference, `document_${reason}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new DocumentUnavailableError(reference, `document_http_${response.status}`);
    }
    const contentType = response.headers.get('content-type')?.split(';')[0].trim();
    if (contentType !== source.contentType) {
      await response.body?.cancel();
      throw new DocumentUnavailableError(reference, 'document_unexpected_type');
    }
    const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${reference.id}.${source.extension}`;
    return { filename, contentType, content: Buffer.from(await response.arrayBuffer()) };
  }
}
