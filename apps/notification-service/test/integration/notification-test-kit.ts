import { createServer } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { type AddressInfo, isIP } from 'node:net';
import type { HostResolver } from '@mb/platform';

export { aMailbox, EventPublisher, eventually, testKafka, TopicReader, type ReadEvent } from '@mb/testing';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly answered: number;
}

/** The local-development key (the default of WEBHOOK_SECRET_KEYS) and a second one, for rotation tests. */
export const LOCAL_DEVELOPMENT_KEY = 'local-development:k/sx2AqcfUVfP0Sn8lfP9HFTRGB6GWCOh+kP/G6KPKU=';
export const ROTATED_KEY = 'rotated-in-tests:3q8R9mYy1Qh0n5y2y8m4V7JmC0b1Uq7mF3XfN2gk2aE=';
/**
 * The keyring every notification test instance uses: the local-development key encrypts, the
 * rotation test's key opens too, so that instances running beside the rotation test still read
 * the secrets it re-encrypted.
 */
export const TEST_SECRET_KEYS = `${LOCAL_DEVELOPMENT_KEY},${ROTATED_KEY}`;

/**
 * A resolver answering from a table instead of DNS, so that a test can make a name resolve to one
 * address when a subscription is made and to another when it is delivered (DNS rebinding).
 */
export class TableHostResolver {
  private readonly table = new Map<string, string[]>();

  resolveTo(hostname: string, ...addresses: string[]): void {
    this.table.set(hostname.toLowerCase(), addresses);
  }

  readonly resolve: HostResolver = async (hostname) => {
    const addresses = this.table.get(hostname.toLowerCase());
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: isIP(address) }));
  };
}

/** An HTTP receiver answering each path with the given status codes in turn (then 200), on 127.0.0.1 unless told. */
export async function aWebhookReceiver(
  host = '127.0.0.1',
): Promise<{ port: number; url(path: string): string; answer(path: string, statuses: number[]): void; received(path: string): ReceivedWebhook[]; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const status = scripts.get(path)?.shift() ?? 200;
      received.push({ path, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://${host}:${port}${path}`,
    answer: (path, statuses) => void scripts.set(path, [...statuses]),
    received: (path) => received.filter((request) => request.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A one-page PDF, as small as a valid one gets: what the stand-in invoicing API serves. */
export function aTinyPdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

/**
 * Stands in for invoicing-service's REST API where notification tests need a document: answers
 * GET /v1/invoices/{id}/pdf and GET /v1/credit-notes/{id}/pdf with a PDF named after the document,
 * to a caller presenting the expected bearer credential (401 otherwise), or with the scripted
 * failures first. Each request is kept.
 */
export async function anInvoicingApi(credential: string): Promise<{
  url: string;
  failNext(documentId: string, statuses: number[]): void;
  requests: { path: string; authorization: string | undefined; answered: number }[];
  close(): Promise<void>;
}> {
  const requests: { path: string; authorization: string | undefined; answered: number }[] = [];
  const failures = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    // Invoices and credit notes as invoicing serves them, and payment plan schedules as collections does.
    const [, kind, documentId] = /^\/v1\/(invoices|credit-notes)\/([^/]+)\/pdf$/.exec(path) ?? /^\/v1\/(payment-plans)\/([^/]+)\/schedule\.pdf$/.exec(path) ?? [];
    const status = request.headers.authorization !== `Bearer ${credential}` ? 401 : !documentId ? 404 : (failures.get(documentId)?.shift() ?? 200);
    requests.push({ path, authorization: request.headers.authorization, answered: status });
    if (status !== 200 || !documentId) {
      response.writeHead(status, { 'content-type': 'application/problem+json' }).end('{}');
      return;
    }
    const pdf = aTinyPdf(`${kind === 'invoices' ? 'invoice' : kind === 'payment-plans' ? 'payment plan' : 'credit note'} ${documentId}`);
    response.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${documentId}.pdf"`, 'content-length': pdf.length }).end(pdf);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    failNext: (documentId, statuses) => void failures.set(documentId, [...statuses]),
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
