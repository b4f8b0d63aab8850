import { Client } from 'pg';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { IDEMPOTENCY_PURGE_TIMER, IdempotencyKeys, type IdempotencyScope } from '@mb/platform';
import { eventually, injectAs, testAdminDatabaseUrl, testServiceDatabaseUrl, uniqueName } from '@mb/testing';
import { InvoicingTestKit } from './invoicing-test-kit';

// Idempotency-Key done right (issue 12 item 4), held through the operation it matters most for:
// recording a payment. The key, the payment and the stored answer commit in one transaction.
describe('Idempotency-Key on POST /v1/payments', () => {
  let kit: InvoicingTestKit;
  // The service's runtime role may not create tables or triggers (issue 12 item 8): the test's
  // switch is set up, and its rows changed, by the database's administrator.
  const admin = new Client({ connectionString: testAdminDatabaseUrl() });

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    await admin.connect();
    await kit.moveClockTo('2030-03-02T10:00:00Z');
    // A switch to make storing the answer fail for chosen keys: a failure after the effect.
    await admin.query(`
      CREATE TABLE IF NOT EXISTS invoicing.test_failing_answer_keys (idempotency_key text PRIMARY KEY);
      CREATE OR REPLACE FUNCTION invoicing.test_fail_answer() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM invoicing.test_failing_answer_keys WHERE idempotency_key = NEW.idempotency_key) THEN
          RAISE EXCEPTION 'storing the answer failed (test)';
        END IF;
        RETURN NEW;
      END $$;
      DROP TRIGGER IF EXISTS test_fail_answer ON invoicing.idempotency_keys;
      CREATE TRIGGER test_fail_answer BEFORE INSERT ON invoicing.idempotency_keys FOR EACH ROW EXECUTE FUNCTION invoicing.test_fail_answer();
    `);
  });

  afterAll(async () => {
    await admin.query(`
      DROP TRIGGER IF EXISTS test_fail_answer ON invoicing.idempotency_keys;
      DROP FUNCTION IF EXISTS invoicing.test_fail_answer();
      DROP TABLE IF EXISTS invoicing.test_failing_answer_keys;
    `);
    await admin.end();
    await kit?.close();
  });

  const query = <T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> => kit.service.runtime.dataSource.query(sql, parameters);
  const paymentsOf = async (invoiceId: string): Promise<number> => (await query<{ n: number }>('SELECT count(DISTINCT payment_id)::int AS n FROM invoicing.payment_allocations WHERE invoice_id = $1', [invoiceId]))[0].n;
  const storedKey = async (key: string) => (await query<{ status_code: number; response: Record<string, unknown> }>('SELECT status_code, response FROM invoicing.idempotency_keys WHERE idempotency_key = $1', [key]))[0];
  /** Sends the body as the exact JSON text given, so tests choose the order of its keys. */
  const payRaw = (json: string, key: string) =>
    injectAs(kit.service.app, 'finance', { method: 'POST', url: '/v1/payments', payload: json, headers: { 'content-type': 'application/json', 'idempotency-key': key } });

  async function anOpenInvoice() {
    const { contractId } = await kit.anActiveContract();
    return kit.issued(contractId, 1, 750_000);
  }

  it('refuses a payment without a key, naming the header, and records nothing', async () => {
    const invoice = await anOpenInvoice();
    const response = await kit.request('POST', '/v1/payments', { invoice_id: invoice.id, amount_cents: 100, currency: 'usd' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'idempotency_key.missing', errors: [{ field: 'Idempotency-Key', rule: 'required' }] });
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
  });

  it('records a payment retried after a failure that followed its effect exactly once', async () => {
    // given an open invoice, and storing the answer under this key failing: the payment has been
    // written in the transaction when the failure comes
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    await admin.query('INSERT INTO invoicing.test_failing_answer_keys VALUES ($1)', [key]);
    const body = { invoice_id: invoice.id, amount_cents: 750_000, currency: 'usd' };

    // when the payment is sent, then it fails and nothing of it stays: no payment, no key, no event
    const failed = await kit.pay(body, key);
    expect(failed.status).toBe(500);
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
    await expect(storedKey(key)).resolves.toBeUndefined();
    const outbox = await query(`SELECT 1 FROM invoicing.outbox WHERE topic = 'payment.recorded' AND payload::jsonb -> 'data' -> 'allocations' -> 0 ->> 'invoice_id' = $1`, [invoice.id]);
    expect(outbox).toEqual([]);

    // when the failure has passed and the client retries with the same key, twice
    await admin.query('DELETE FROM invoicing.test_failing_answer_keys WHERE idempotency_key = $1', [key]);
    const retried = await kit.pay(body, key);
    const again = await kit.pay(body, key);

    // then one payment is recorded, and the second retry gets the first answer, marked replayed
    expect(retried.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json()).toEqual(retried.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    await expect(paymentsOf(invoice.id)).resolves.toBe(1);
    expect((await kit.request('GET', `/v1/invoices/${invoice.id}`)).json()).toMatchObject({ status: 'paid', amount_paid_cents: 750_000 });
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    const first = await payRaw(`{"invoice_id":"${invoice.id}","amount_cents":100000,"currency":"usd","reference":"WIRE-7"}`, key);
    const reordered = await payRaw(`{ "reference": "WIRE-7", "currency": "usd", "amount_cents": 100000, "invoice_id": "${invoice.id}" }`, key);
    expect(first.statusCode).toBe(201);
    expect(reordered.statusCode).toBe(201);
    expect(reordered.json()).toEqual(first.json());
    await expect(paymentsOf(invoice.id)).resolves.toBe(1);
    // while another body under the key is refused
    const other = await payRaw(`{"invoice_id":"${invoice.id}","amount_cents":100001,"currency":"usd","reference":"WIRE-7"}`, key);
    expect([other.statusCode, other.json().code]).toEqual([422, 'idempotency_key.reused']);
  });

  it('replays an error answer: the first refusal is the answer to every retry, even once the request would succeed', async () => {
    // given an open invoice of 7,500.00 and a payment allocating more than its balance to it
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    const body = { allocations: [{ invoice_id: invoice.id, amount_cents: 750_001 }], amount_cents: 750_001, currency: 'usd' };
    const refused = await kit.pay(body, key);
    expect([refused.status, refused.json().code]).toEqual([422, 'payment.allocation_exceeds_balance']);

    // when it is retried with the same key and body
    const retried = await kit.pay(body, key);

    // then the stored refusal is replayed as it was, problem+json and all, and nothing is recorded
    expect(retried.status).toBe(422);
    expect(retried.headers['content-type']).toContain('application/problem+json');
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(refused.json());
    await expect(storedKey(key)).resolves.toMatchObject({ status_code: 422, response: { code: 'payment.allocation_exceeds_balance' } });
    await expect(paymentsOf(invoice.id)).resolves.toBe(0);
  });

  it('stores nothing for a request refused before it ran, so the corrected one may use the key', async () => {
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    const malformed = await kit.pay({ invoice_id: invoice.id, amount_cents: 'lots', currency: 'usd' }, key);
    expect([malformed.status, malformed.json().code]).toEqual([400, 'request.invalid']);
    await expect(storedKey(key)).resolves.toBeUndefined();
    expect((await kit.pay({ invoice_id: invoice.id, amount_cents: 100, currency: 'usd' }, key)).status).toBe(201);
  });

  it('lets a crashed request’s key be retried once its lease has expired, and never commits the crashed one', async () => {
    // given an instance that held a key for a payment and then went silent mid-request (its
    // process frozen or gone), with a 2-second lease
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    // (the test kit calls as the local issuer's admin, whose subject is local-admin)
    const scope: IdempotencyScope = { caller: 'local-admin', method: 'POST', path: '/v1/payments', key };
    const crashed = new Client({ connectionString: testServiceDatabaseUrl('invoicing-service') });
    const crashedErrors: Error[] = [];
    crashed.on('error', (error) => crashedErrors.push(error));
    await crashed.connect();
    await crashed.query('BEGIN');
    const manager = { query: (sql: string, parameters?: unknown[]) => crashed.query(sql, parameters).then((result) => result.rows) };
    expect(await new IdempotencyKeys('invoicing', { leaseSeconds: 2, retentionHours: 24 }).hold(manager as never, scope)).toBe(true);
    const body = { invoice_id: invoice.id, amount_cents: 750_000, currency: 'usd' };

    // when the client retries while the key is held, then it is told to retry later
    const early = await kit.pay(body, key);
    expect([early.status, early.json().code]).toEqual([409, 'idempotency_key.in_progress']);
    expect(early.headers['retry-after']).toBeDefined();

    // and once the lease has run out, the retry runs: PostgreSQL ended the silent transaction
    const retried = await eventually(
      () => kit.pay(body, key),
      (response) => response.status !== 409,
      'the key to be free once its lease expired',
    );
    expect(retried.status).toBe(201);
    await expect(paymentsOf(invoice.id)).resolves.toBe(1);
    await expect(crashed.query('COMMIT')).rejects.toThrow();
    await crashed.end().catch(() => undefined);
  });

  it('scopes a key to its caller and operation', async () => {
    const keys = new IdempotencyKeys('invoicing', { leaseSeconds: 30, retentionHours: 24 });
    const key = uniqueName('key');
    const answer = { fingerprint: 'f', statusCode: 201, contentType: 'application/json', body: { id: 'pay_1' } };
    const unitOfWork = kit.service.app.get(TypeOrmUnitOfWork);
    await unitOfWork.transaction((manager) => keys.record(manager, { caller: 'erp-system', method: 'POST', path: '/v1/payments', key }, answer));
    const lookups = await unitOfWork.transaction(async (manager) => [
      await keys.find(manager, { caller: 'erp-system', method: 'POST', path: '/v1/payments', key }),
      await keys.find(manager, { caller: 'anonymous', method: 'POST', path: '/v1/payments', key }),
      await keys.find(manager, { caller: 'erp-system', method: 'POST', path: '/v1/credit-notes', key }),
    ]);
    expect(lookups).toEqual([answer, undefined, undefined]);
  });

  it('forgets a key once its retention has passed, and purges it on the hourly schedule', async () => {
    // given a payment answered under a key, whose 24 hours have passed
    const invoice = await anOpenInvoice();
    const key = uniqueName('pay');
    const body = { invoice_id: invoice.id, amount_cents: 100, currency: 'usd' };
    expect((await kit.pay(body, key)).status).toBe(201);
    await admin.query(`UPDATE invoicing.idempotency_keys SET expires_at = clock_timestamp() - interval '1 second' WHERE idempotency_key = $1`, [key]);

    // when the key is used again, then it is a new request
    expect((await kit.pay(body, key)).status).toBe(201);
    await expect(paymentsOf(invoice.id)).resolves.toBe(2);

    // and the purge deletes what expired, while the hourly schedule is registered with the timer engine
    await admin.query(`UPDATE invoicing.idempotency_keys SET expires_at = clock_timestamp() - interval '1 second' WHERE idempotency_key = $1`, [key]);
    const unitOfWork = kit.service.app.get(TypeOrmUnitOfWork);
    const purged = await unitOfWork.transaction((manager) => new IdempotencyKeys('invoicing', { leaseSeconds: 30, retentionHours: 24 }).purgeExpired(manager));
    expect(purged).toBeGreaterThanOrEqual(1);
    await expect(storedKey(key)).resolves.toBeUndefined();
    await expect(query('SELECT name, cron FROM invoicing.schedule WHERE name = $1', [IDEMPOTENCY_PURGE_TIMER])).resolves.toEqual([{ name: IDEMPOTENCY_PURGE_TIMER, cron: '17 * * * *' }]);
  });
});
