import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { aValidEvent, EventData } from '@mb/events';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment, testToken } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { type CaseFileManifest, manifestDiscrepancies, MANIFEST_PATH } from '../../src/domain/case-file/case-file';
import { eventually, EventPublisher, TopicReader, testKafka } from './collections-test-kit';

const PDF = (what: string) => Buffer.from(`%PDF-1.7\n% ${what}\n%%EOF\n`);

interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly body: unknown;
}

/**
 * Stand-ins for the contract, milestone, invoicing and notification APIs a case file is gathered
 * from (one server answers all four), recording every request, and invoicing's payments endpoint,
 * which answers the same payment for the same Idempotency-Key as invoicing does.
 */
async function otherServicesApi(): Promise<{ url: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const paymentsByKey = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const url = new URL(request.url ?? '/', 'http://stub');
      const body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : null;
      requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, idempotencyKey: request.headers['idempotency-key'] as string | undefined, body });
      const json = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const pdf = (what: string) => response.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${what}.pdf"` }).end(PDF(what));
      const path = url.pathname;
      let match: RegExpExecArray | null;
      if (request.method === 'POST' && path === '/v1/payments') {
        const key = String(request.headers['idempotency-key']);
        if (!paymentsByKey.has(key)) paymentsByKey.set(key, newId('pay'));
        return json(201, { id: paymentsByKey.get(key), ...body });
      }
      if ((match = /^\/v1\/contracts\/([^/]+)\/milestones$/.exec(path))) return json(200, { data: [{ id: 'ms_1', contract_id: match[1], status: 'approved', evidence_url: 'https://evidence.example/1', approved_at: '2026-05-20T10:00:00.000Z' }] });
      if ((match = /^\/v1\/contracts\/([^/]+)$/.exec(path))) return json(200, { id: match[1], title: 'Checkout redesign', schedule: [{ index: 1, percent_bps: 10_000 }] });
      if ((match = /^\/v1\/invoices\/([^/]+)\/pdf$/.exec(path))) return pdf(`invoice ${match[1]}`);
      if ((match = /^\/v1\/invoices\/([^/]+)$/.exec(path))) return json(200, { id: match[1], status: 'open' });
      if (path === '/v1/credit-notes') return json(200, { data: [{ id: `cn_for_${url.searchParams.get('invoice_id')}`, number: `CN-${url.searchParams.get('invoice_id')}` }] });
      if ((match = /^\/v1\/credit-notes\/([^/]+)\/pdf$/.exec(path))) return pdf(`credit note ${match[1]}`);
      if (path === '/v1/payments') return json(200, { data: [{ id: 'pay_earlier', amount_cents: 1_000 }], next_cursor: null });
      if (path === '/v1/deliveries') return json(200, { data: [{ id: 'dlv_1', channel: 'email', status: 'sent', created_at: '2026-06-28T00:05:10.000Z' }] });
      return json(404, { code: 'not_found', detail: path });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

describe('collections-service: agency hand-off, recoveries and write-off', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;
  let api: Awaited<ReturnType<typeof otherServicesApi>>;
  let serviceToken: string;

  beforeAll(async () => {
    api = await otherServicesApi();
    serviceToken = await testToken('service');
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
      CONTRACT_API_URL: api.url,
      MILESTONE_API_URL: api.url,
      INVOICING_API_URL: api.url,
      NOTIFICATION_API_URL: api.url,
      SERVICE_API_CREDENTIAL: serviceToken,
    });
    const kafka = testKafka();
    publisher = await EventPublisher.connect(kafka);
    reader = await TopicReader.start(kafka, ['collections.case_opened', 'collections.handed_off', 'collections.agency_recovery_recorded', 'collections.written_off', 'collections.case_closed']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
    await api?.close();
  });

  function anOverdue(clientId: string, contractId: string, invoiceId: string, number: string, overrides: Partial<EventData<'invoice.overdue'>> = {}) {
    return aValidEvent('invoice.overdue', {
      id: newEventId(),
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: number, amount_due_cents: 772_500, days_overdue: 60, ...overrides },
    });
  }

  async function anOpenCaseOf(clientId: string, contractId: string, invoiceId: string, number: string): Promise<string> {
    await publisher.publish(anOverdue(clientId, contractId, invoiceId, number), contractId);
    const [opened] = await eventually(() => reader.about('collections.case_opened', 'client_id', clientId), (found) => found.length === 1, 'case_opened');
    return opened.envelope.data.case_id as string;
  }

  const withKey = (key: string = newId('idem')) => ({ 'idempotency-key': key });

  it('hands a case off with a case file whose digests verify, records a recovery as a payment once, and writes off the rest', async () => {
    // given a client with an overdue invoice of 7,725.00 USD and one of 2,000.00 EUR, in one case
    const clientId = newId('cli');
    const contractId = newId('con');
    const [usdInvoice, eurInvoice] = [newId('inv'), newId('inv')];
    const caseId = await anOpenCaseOf(clientId, contractId, usdInvoice, 'INV-2026-000701');
    await publisher.publish(anOverdue(clientId, contractId, eurInvoice, 'INV-2026-000702', { currency: 'eur', amount_due_cents: 200_000 }), contractId);
    await eventually(
      async () => (await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases/${caseId}` })).json().invoices.length,
      (count) => count === 2,
      'the second invoice to join',
    );

    // when finance hands it off without an Idempotency-Key, it is refused
    const unkeyed = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/hand-off`, payload: { agency: 'Northwind Recoveries', reason: 'No answer' } });
    expect(unkeyed.statusCode).toBe(400);
    // and a blank reason names the field
    const blank = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/hand-off`, headers: withKey(), payload: { agency: 'Northwind Recoveries', reason: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect(JSON.stringify(blank.json())).toContain('reason');

    // when finance hands it off properly
    const handOff = await injectAs(service.app, 'finance', {
      method: 'POST',
      url: `/v1/cases/${caseId}/hand-off`,
      headers: withKey(),
      payload: { agency: 'Northwind Recoveries', reason: 'No answer after the final demand' },
    });
    expect(handOff.statusCode).toBe(201);
    const handedOff = handOff.json();
    expect(handedOff.case).toMatchObject({ id: caseId, status: 'handed_off', hand_off: { agency: 'Northwind Recoveries', reason: 'No answer after the final demand', handed_off_by: 'local-finance' } });

    // then every source was asked with the service credential
    expect(api.requests.filter((request) => request.method === 'GET').every((request) => request.authorization === `Bearer ${serviceToken}`)).toBe(true);

    // and collections.handed_off names the agency, the balances per currency and the case file's digests
    const [announced] = await eventually(() => reader.about('collections.handed_off', 'case_id', caseId), (found) => found.length === 1, 'handed_off');
    expect(announced.key).toBe(clientId);
    expect(announced.envelope.data).toMatchObject({
      client_id: clientId,
      agency: 'Northwind Recoveries',
      balances: [
        { currency: 'eur', balance_cents: 200_000 },
        { currency: 'usd', balance_cents: 772_500 },
      ],
      case_file: { case_file_id: handedOff.case_file.id, sha256: handedOff.case_file.sha256, manifest_sha256: handedOff.case_file.manifest_sha256 },
    });

    // and the case file downloads as the zip announced, and every file in it matches the manifest
    const download = await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases/${caseId}/case-file` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const zipBytes = download.rawPayload;
    expect(sha256(zipBytes)).toBe(handedOff.case_file.sha256);
    const zip = await JSZip.loadAsync(zipBytes);
    const files = new Map<string, Uint8Array>();
    for (const entry of Object.values(zip.files).filter((file) => !file.dir)) files.set(entry.name, await entry.async('uint8array'));
    const manifestBytes = files.get(MANIFEST_PATH);
    expect(manifestBytes).toBeDefined();
    expect(sha256(manifestBytes as Uint8Array)).toBe(handedOff.case_file.manifest_sha256);
    const manifest = JSON.parse(Buffer.from(manifestBytes as Uint8Array).toString('utf8')) as CaseFileManifest;
    expect(manifestDiscrepancies(manifest, files)).toEqual([]);
    for (const entry of manifest.files) expect(sha256(files.get(entry.path) as Uint8Array)).toBe(entry.sha256);
    expect(manifest.files.map((entry) => entry.path)).toEqual([
      'case.json',
      'communications.json',
      `contracts/${contractId}/contract.json`,
      `contracts/${contractId}/milestones.json`,
      `credit-notes/CN-${eurInvoice}.json`,
      `credit-notes/CN-${eurInvoice}.pdf`,
      `credit-notes/CN-${usdInvoice}.json`,
      `credit-notes/CN-${usdInvoice}.pdf`,
      'invoices/INV-2026-000701.json',
      'invoices/INV-2026-000701.pdf',
      'invoices/INV-2026-000702.json',
      'invoices/INV-2026-000702.pdf',
      'payments.json',
    ].sort());
    expect(Buffer.from(files.get('invoices/INV-2026-000701.pdf') as Uint8Array).toString('utf8')).toContain(`invoice ${usdInvoice}`);
    // a client cannot download it, and a case never handed off has none
    expect((await injectAs(service.app, { role: 'client', clientId }, { method: 'GET', url: `/v1/cases/${caseId}/case-file` })).statusCode).toBe(403);

    // when a second hand-off is tried, it is refused
    const again = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/hand-off`, headers: withKey(), payload: { agency: 'Other', reason: 'Again' } });
    expect(again.statusCode).toBe(409);

    // when the agency's recovery of 5,000.00 USD with a 1,250.00 fee is recorded, twice (a retry with another key)
    const recovery = { amount_cents: 500_000, agency_fee_cents: 125_000, currency: 'usd', received_on: '2026-06-30', external_reference: 'NWR-0917' };
    const recorded = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/agency-recoveries`, headers: withKey(), payload: recovery });
    expect(recorded.statusCode).toBe(201);
    const retried = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/agency-recoveries`, headers: withKey(), payload: recovery });
    expect(retried.statusCode).toBe(201);
    expect(retried.json().id).toBe(recorded.json().id);
    expect(recorded.json()).toMatchObject({ gross_cents: 500_000, agency_fee_cents: 125_000, net_cents: 375_000, agency: 'Northwind Recoveries' });

    // then invoicing was asked once for the gross as the client's payment by the agency, with an Idempotency-Key
    const payments = api.requests.filter((request) => request.method === 'POST' && request.url === '/v1/payments');
    expect(payments).toHaveLength(1);
    expect(payments[0].body).toEqual({ client_id: clientId, amount_cents: 500_000, currency: 'usd', received_on: '2026-06-30', method: 'collection_agency', external_reference: 'NWR-0917' });
    expect(payments[0].idempotencyKey).toMatch(/^agency-recovery-[0-9a-f]{40}$/);
    expect(payments[0].authorization).toBe(`Bearer ${serviceToken}`);
    // and the recovery, fee apart, is announced once and listed on the case
    const [recoveryEvent] = await eventually(() => reader.about('collections.agency_recovery_recorded', 'case_id', caseId), (found) => found.length === 1, 'agency_recovery_recorded');
    expect(recoveryEvent.envelope.data).toMatchObject({ payment_id: recorded.json().payment_id, gross_cents: 500_000, agency_fee_cents: 125_000, net_cents: 375_000, currency: 'usd' });
    const listed = await injectAs(service.app, 'auditor', { method: 'GET', url: `/v1/cases/${caseId}/agency-recoveries` });
    expect(listed.json().data).toHaveLength(1);
    // other amounts under the same reference are refused; a fee above the gross too
    const reused = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/agency-recoveries`, headers: withKey(), payload: { ...recovery, amount_cents: 1 , agency_fee_cents: 0 } });
    expect(reused.statusCode).toBe(409);
    const overFee = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/agency-recoveries`, headers: withKey(), payload: { ...recovery, external_reference: 'NWR-1', agency_fee_cents: 500_001 } });
    expect(overFee.statusCode).toBe(422);

    // when invoicing's payment.recorded for that payment arrives, the handed-off case's balance drops
    await publisher.publish(
      aValidEvent('payment.recorded', {
        id: newEventId(),
        data: {
          payment_id: recorded.json().payment_id,
          client_id: clientId,
          amount_cents: 500_000,
          allocations: [{ invoice_id: usdInvoice, invoice_number: 'INV-2026-000701', contract_id: contractId, amount_cents: 500_000 }],
          unapplied_cents: 0,
        },
      }),
      clientId,
    );
    await eventually(
      async () => (await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases/${caseId}` })).json(),
      (found) => found.invoices.find((invoice: { invoice_id: string }) => invoice.invoice_id === usdInvoice)?.balance_cents === 272_500,
      'the recovery to lower the balance',
    );

    // a reason longer than invoicing keeps on an invoice is refused, naming the field, and writes nothing off
    const tooLong = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/write-off`, headers: withKey(), payload: { reason: 'x'.repeat(501) } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(tooLong.json())).toContain('reason');
    expect((await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases/${caseId}` })).json().status).not.toBe('closed');

    // when finance writes the rest off
    const writeOff = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/write-off`, headers: withKey(), payload: { reason: 'Agency returned the file as unrecoverable' } });
    expect(writeOff.statusCode).toBe(200);
    expect(writeOff.json()).toMatchObject({ status: 'closed', closure: { closed_by: 'local-finance', reason: 'Agency returned the file as unrecoverable' } });

    // then each remaining balance is written off for invoicing, and the case closes as written off, by whom and why
    const writtenOff = await eventually(() => reader.about('collections.written_off', 'case_id', caseId), (found) => found.length === 2, 'written_off');
    expect(writtenOff.map((read) => [read.envelope.data.invoice_id, read.envelope.data.currency, read.envelope.data.amount_written_off_cents])).toEqual([
      [usdInvoice, 'usd', 272_500],
      [eurInvoice, 'eur', 200_000],
    ]);
    const [closed] = await eventually(() => reader.about('collections.case_closed', 'case_id', caseId), (found) => found.length === 1, 'case_closed');
    expect(closed.envelope.data).toMatchObject({ resolution: 'written_off', closed_by: 'local-finance', reason: 'Agency returned the file as unrecoverable' });
    // and a closed case is written off only once
    const twice = await injectAs(service.app, 'finance', { method: 'POST', url: `/v1/cases/${caseId}/write-off`, headers: withKey(), payload: { reason: 'Again' } });
    expect(twice.statusCode).toBe(409);
  });

  it('takes no agency recovery on a case that was not handed off, and has no case file for it', async () => {
    const clientId = newId('cli');
    const caseId = await anOpenCaseOf(clientId, newId('con'), newId('inv'), 'INV-2026-000801');
    const recovery = await injectAs(service.app, 'finance', {
      method: 'POST',
      url: `/v1/cases/${caseId}/agency-recoveries`,
      headers: withKey(),
      payload: { amount_cents: 1_000, agency_fee_cents: 0, currency: 'usd', received_on: '2026-06-30', external_reference: 'X-1' },
    });
    expect(recovery.statusCode).toBe(409);
    expect(recovery.json().code).toBe('agency_recovery.case_not_handed_off');
    const caseFile = await injectAs(service.app, 'finance', { method: 'GET', url: `/v1/cases/${caseId}/case-file` });
    expect(caseFile.statusCode).toBe(404);
    expect(caseFile.json().code).toBe('case_file.not_found');
  });
});
