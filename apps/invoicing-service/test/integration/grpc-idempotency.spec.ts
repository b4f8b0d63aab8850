import { status } from '@grpc/grpc-js';
import { Client } from 'pg';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcTestClient, injectAs, testAdminDatabaseUrl, uniqueName } from '@mb/testing';
import { InvoicingTestKit } from './invoicing-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Issue 12: gRPC commands take an `idempotency-key` metadata entry with the same store and semantics
// as REST's Idempotency-Key (one transaction, per caller and operation, the first answer stored),
// and RecordPayment requires one, as POST /v1/payments does.
describe('idempotency-key on gRPC RecordPayment', () => {
  let kit: InvoicingTestKit;
  let finance: GrpcTestClient;
  let service: GrpcTestClient;
  const admin = new Client({ connectionString: testAdminDatabaseUrl() });

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    // A year of its own, so that its invoice numbers never interleave with another test file's.
    await kit.moveClockTo('2046-02-02T10:00:00Z');
    finance = GrpcTestClient.connect(GRPC_APIS.invoicing, kit.service.grpcAddress, 'finance');
    service = GrpcTestClient.connect(GRPC_APIS.invoicing, kit.service.grpcAddress, 'service');
    await admin.connect();
    // A switch making the answer's storing fail for chosen keys: a failure after the payment was written.
    await admin.query(`
      CREATE TABLE IF NOT EXISTS invoicing.test_grpc_failing_answer_keys (idempotency_key text PRIMARY KEY);
      CREATE OR REPLACE FUNCTION invoicing.test_grpc_fail_answer() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM invoicing.test_grpc_failing_answer_keys WHERE idempotency_key = NEW.idempotency_key) THEN
          RAISE EXCEPTION 'storing the answer failed (test)';
        END IF;
        RETURN NEW;
      END $$;
      DROP TRIGGER IF EXISTS test_grpc_fail_answer ON invoicing.idempotency_keys;
      CREATE TRIGGER test_grpc_fail_answer BEFORE INSERT ON invoicing.idempotency_keys FOR EACH ROW EXECUTE FUNCTION invoicing.test_grpc_fail_answer();
    `);
  });

  afterAll(async () => {
    await admin.query(`
      DROP TRIGGER IF EXISTS test_grpc_fail_answer ON invoicing.idempotency_keys;
      DROP FUNCTION IF EXISTS invoicing.test_grpc_fail_answer();
      DROP TABLE IF EXISTS invoicing.test_grpc_failing_answer_keys;
    `);
    await admin.end();
    finance?.close();
    service?.close();
    await kit?.close();
  });

  const paymentsOf = async (invoiceId: string): Promise<number> =>
    (await admin.query("SELECT count(*)::int AS n FROM invoicing.payment_allocations WHERE invoice_id = $1 AND source = 'payment'", [invoiceId])).rows[0].n;
  const withKey = (key: string) => ({ metadata: { 'idempotency-key': key } });

  async function anOpenInvoice(): Promise<Json> {
    const { contractId } = await kit.anActiveContract();
    return kit.issued(contractId, 1, 750_000);
  }

  it('refuses a payment without a key, INVALID_ARGUMENT naming the metadata entry and the rule, and records nothing', async () => {
    const invoice = await anOpenInvoice();
    const refusal = await finance.refusal('RecordPayment', { invoice_id: invoice.id, amount_cents: 100, currency: 'usd' });
    expect([refusal.code, refusal.errorCode, refusal.fieldErrors]).toEqual([
      status.INVALID_ARGUMENT,
      'idempotency_key.missing',
      [expect.objectContaining({ field: 'idempotency-key', rule: 'required' })],
    ]);
    const malformed = await finance.refusal('RecordPayment', { invoice_id: invoice.id, amount_cents: 100, currency: 'usd' }, withKey('x'.repeat(256)));
    expect([malformed.code, malformed.errorCode]).toEqual([status.INVALID_ARGUMENT, 'idempotency_key.invalid']);
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
  });

  it('records a retried payment once, answering every retry with the first answer', async () => {
    const invoice = await anOpenInvoice();
    const key = uniqueName('grpc-pay');
    const request = { invoice_id: invoice.id, amount_cents: 250_000, currency: 'usd', reference: 'WIRE-9' };
    const first = await finance.call('RecordPayment', request, withKey(key));
    const retried = await finance.call('RecordPayment', request, withKey(key));
    expect(retried).toEqual(first);
    expect(first).toMatchObject({ payment: { amount_cents: 250_000 }, invoice: { amount_paid_cents: 250_000 } });
    await expect(paymentsOf(invoice.id)).resolves.toBe(1);
    // the key is kept like a REST one, scoped to the caller and the gRPC method
    const { rows } = await admin.query('SELECT caller, method, path, status_code FROM invoicing.idempotency_keys WHERE idempotency_key = $1', [key]);
    expect(rows).toEqual([{ caller: 'local-finance', method: 'gRPC', path: '/milestone_billing.invoicing.v1.InvoicingService/RecordPayment', status_code: 200 }]);
  });

  it('records a payment retried after a failure that followed its effect exactly once', async () => {
    // given storing the answer under this key fails: the payment is written when the failure comes
    const invoice = await anOpenInvoice();
    const key = uniqueName('grpc-pay');
    await admin.query('INSERT INTO invoicing.test_grpc_failing_answer_keys VALUES ($1)', [key]);
    const request = { invoice_id: invoice.id, amount_cents: 750_000, currency: 'usd' };
    // when it is sent, it fails, and nothing of it stays
    const failed = await finance.refusal('RecordPayment', request, withKey(key));
    expect(failed.code).toBe(status.INTERNAL);
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
    // when the failure has passed and the caller retries with the same key, twice
    await admin.query('DELETE FROM invoicing.test_grpc_failing_answer_keys WHERE idempotency_key = $1', [key]);
    const retried = await finance.call('RecordPayment', request, withKey(key));
    const again = await finance.call('RecordPayment', request, withKey(key));
    // then one payment is recorded, and the invoice is paid once
    expect(again).toEqual(retried);
    expect(retried).toMatchObject({ invoice: { status: 'INVOICE_STATUS_PAID', amount_paid_cents: 750_000 } });
    await expect(paymentsOf(invoice.id)).resolves.toBe(1);
  });

  it('replays a refusal as it was, and refuses another request under the key', async () => {
    const invoice = await anOpenInvoice();
    const key = uniqueName('grpc-pay');
    const wrongCurrency = { invoice_id: invoice.id, amount_cents: 750_000, currency: 'eur' };
    const refused = await finance.refusal('RecordPayment', wrongCurrency, withKey(key));
    const replayed = await finance.refusal('RecordPayment', wrongCurrency, withKey(key));
    expect([replayed.code, replayed.errorCode, replayed.details, replayed.fieldErrors]).toEqual([refused.code, refused.errorCode, refused.details, refused.fieldErrors]);
    expect([refused.code, refused.errorCode]).toEqual([status.INVALID_ARGUMENT, 'payment.currency_mismatch']);
    // another request under the same key
    const reused = await finance.refusal('RecordPayment', { ...wrongCurrency, amount_cents: 100 }, withKey(key));
    expect([reused.code, reused.errorCode]).toEqual([status.INVALID_ARGUMENT, 'idempotency_key.reused']);
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
  });

  it('keeps one caller’s key apart from another’s, and gRPC keys apart from REST ones', async () => {
    const invoice = await anOpenInvoice();
    const key = uniqueName('grpc-pay');
    const request = { invoice_id: invoice.id, amount_cents: 100_000, currency: 'usd' };
    await finance.call('RecordPayment', request, withKey(key));
    // another caller with the same key records its own payment
    await service.call('RecordPayment', request, withKey(key));
    // and so does a REST request with the same key
    const rest = await injectAs(kit.service.app, 'finance', { method: 'POST', url: '/v1/payments', payload: request, headers: { 'idempotency-key': key } });
    expect([rest.statusCode, rest.headers['idempotent-replayed']]).toEqual([201, undefined]);
    await expect(paymentsOf(invoice.id)).resolves.toBe(3);
  });
});
