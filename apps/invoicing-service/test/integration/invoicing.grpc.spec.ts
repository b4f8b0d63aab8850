import { status } from '@grpc/grpc-js';
import { GRPC_APIS, instantOf } from '@mb/grpc';
import { GrpcTestClient, uniqueName } from '@mb/testing';
import { aBillingTrigger, anActivatedContract, eventually, InvoicingTestKit } from './invoicing-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('invoicing-service over gRPC', () => {
  let kit: InvoicingTestKit;
  let grpc: GrpcTestClient;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    // A year of its own, so that its invoice numbers never interleave with another test file's.
    await kit.moveClockTo('2040-01-10T10:00:00Z');
    grpc = GrpcTestClient.connect(GRPC_APIS.invoicing, kit.service.grpcAddress);
  });

  afterAll(async () => {
    grpc?.close();
    await kit?.close();
  });

  const invoicesOf = async (contractId: string): Promise<Json[]> => (await grpc.call('ListInvoices', { contract_id: contractId })).invoices;

  /** Activates a contract of four milestones, waits for the drafts, and has milestone 1 issued. */
  async function aContractWithTheDepositIssued(): Promise<{ contractId: string; clientId: string; invoices: Json[] }> {
    const contract = anActivatedContract();
    const contractId = contract.contract_id as string;
    await kit.publish('contract.activated', contract);
    await eventually(() => invoicesOf(contractId), (invoices) => invoices.length === 4, `drafts of ${contractId}`);
    await kit.publish('milestone.status_updated', aBillingTrigger(contractId, 1, 750_000, 'Deposit'));
    const invoices = await eventually(() => invoicesOf(contractId), (all) => all[0].status === 'INVOICE_STATUS_OPEN', `the deposit of ${contractId} issued`);
    return { contractId, clientId: contract.client_id as string, invoices };
  }

  it("lists a contract's invoices, drafts and issued, with figures in cents and dates as YYYY-MM-DD", async () => {
    // given a contract whose deposit was issued
    const { contractId, invoices } = await aContractWithTheDepositIssued();
    // then the deposit is open, numbered in 2040, due on net-15; the others are unnumbered drafts
    expect(invoices.map((invoice) => [invoice.milestone_index, invoice.status, invoice.total_cents])).toEqual([
      [1, 'INVOICE_STATUS_OPEN', 750_000],
      [2, 'INVOICE_STATUS_DRAFT', 750_000],
      [3, 'INVOICE_STATUS_DRAFT', 1_050_000],
      [4, 'INVOICE_STATUS_DRAFT', 450_000],
    ]);
    expect(invoices[0]).toMatchObject({
      id: expect.stringMatching(/^inv_/),
      number: expect.stringMatching(/^INV-2040-\d{6}$/),
      contract_id: contractId,
      issue_date: '2040-01-10',
      due_date: '2040-01-25',
      amount_due_cents: 750_000,
      overdue: false,
      paid_at: null,
      lines: [expect.objectContaining({ line_number: 1, amount_cents: 750_000, tax_cents: 0 })],
    });
    expect('number' in invoices[1]).toBe(false); // a draft has none: the optional field is unset
    // and one reads the same as the list, as REST has it
    expect((await grpc.call('GetInvoice', { invoice_id: invoices[0].id })).invoice).toEqual(invoices[0]);
    expect((await kit.request('GET', `/v1/invoices/${invoices[0].id}`)).json()).toMatchObject({ number: invoices[0].number, status: 'open' });
  });

  it('records a payment that settles the invoice, and shows the contract financial status', async () => {
    // given an issued deposit of 7,500.00
    const { contractId, invoices } = await aContractWithTheDepositIssued();
    // when the whole balance is paid over gRPC
    const recorded = await grpc.call('RecordPayment', { invoice_id: invoices[0].id, amount_cents: 750_000, currency: 'usd', reference: 'WIRE-1' }, { metadata: { 'idempotency-key': uniqueName('pay') } });
    // then the payment is recorded and the invoice is paid
    expect(recorded).toMatchObject({
      payment: { id: expect.stringMatching(/^pay_/), invoice_id: invoices[0].id, amount_cents: 750_000, received_on: '2040-01-10', reference: 'WIRE-1' },
      invoice: { id: invoices[0].id, status: 'INVOICE_STATUS_PAID', amount_paid_cents: 750_000, amount_due_cents: 0 },
    });
    expect(instantOf(recorded.payment.recorded_at)?.toISOString()).toMatch(/^2040-01-10T/);
    const { invoice } = await grpc.call('GetInvoice', { invoice_id: invoices[0].id });
    expect(invoice).toMatchObject({ status: 'INVOICE_STATUS_PAID', amount_due_cents: 0 });
    expect(instantOf(invoice.paid_at)).toBeInstanceOf(Date);
    // and the same use case announced it
    await kit.awaitEvents('invoice.paid', contractId, 1);
    const { financial_status } = await grpc.call('GetFinancialStatus', { contract_id: contractId });
    expect(financial_status).toEqual({
      contract_id: contractId,
      client_id: expect.stringMatching(/^cli_/),
      currency: 'usd',
      total_value_cents: 3_000_000,
      billed_cents: 750_000,
      tax_billed_cents: 0,
      retained_cents: 0,
      released_cents: 0,
      paid_cents: 750_000,
      credited_cents: 0,
      written_off_cents: 0,
      outstanding_cents: 0,
      unbilled_cents: 2_250_000,
      cancelled_cents: 0,
      terminated_at: null,
    });
  });

  it('shows a retainage release and a discarded draft with their kind and status, the release naming no milestone', async () => {
    // given a contract withholding 5 %: milestone 2 cancelled, then 1, 3 and 4 billed
    const contract = anActivatedContract({ retainage_bps: 500 });
    const contractId = contract.contract_id as string;
    await kit.publish('contract.activated', contract);
    await eventually(() => invoicesOf(contractId), (invoices) => invoices.length === 4, `drafts of ${contractId}`);
    await kit.publish('milestone.status_updated', { ...aBillingTrigger(contractId, 2, 750_000), status: 'cancelled' });
    for (const [index, amount] of [[1, 750_000], [3, 1_050_000], [4, 450_000]]) await kit.publish('milestone.status_updated', aBillingTrigger(contractId, index, amount));
    // then the list has the discarded draft and the release, last
    const invoices = await eventually(() => invoicesOf(contractId), (all) => all.length === 5, `the retainage release of ${contractId}`);
    expect(invoices.map((invoice) => [invoice.kind, invoice.milestone_index ?? null, invoice.status])).toEqual([
      ['INVOICE_KIND_MILESTONE', 1, 'INVOICE_STATUS_OPEN'],
      ['INVOICE_KIND_MILESTONE', 2, 'INVOICE_STATUS_DISCARDED'],
      ['INVOICE_KIND_MILESTONE', 3, 'INVOICE_STATUS_OPEN'],
      ['INVOICE_KIND_MILESTONE', 4, 'INVOICE_STATUS_OPEN'],
      ['INVOICE_KIND_RETAINAGE_RELEASE', null, 'INVOICE_STATUS_OPEN'],
    ]);
    const release = invoices[4];
    expect('milestone_index' in release || 'milestone_title' in release).toBe(false);
    expect(release).toMatchObject({ total_cents: 112_500, tax_cents: 0 });
    expect(release.released_invoices.map((released: Json) => [released.invoice_id, released.retainage_cents])).toEqual([
      [invoices[0].id, 37_500],
      [invoices[2].id, 52_500],
      [invoices[3].id, 22_500],
    ]);
    const { financial_status } = await grpc.call('GetFinancialStatus', { contract_id: contractId });
    expect(financial_status).toMatchObject({ retained_cents: 0, released_cents: 112_500, unbilled_cents: 0, cancelled_cents: 750_000 });
  });

  it("records a client's payment with its allocations, method and reference, the rest as credit (issue 10)", async () => {
    // given an issued deposit of 7,500.00
    const { clientId, invoices } = await aContractWithTheDepositIssued();
    // when 8,000.00 is received by cheque, allocated explicitly to the deposit
    const request = {
      client_id: clientId,
      amount_cents: 800_000,
      currency: 'usd',
      method: 'PAYMENT_METHOD_CHEQUE',
      external_reference: 'CHQ-0042',
      received_on: '2040-01-09',
      allocations: [{ invoice_id: invoices[0].id, amount_cents: 750_000 }],
    };
    const recorded = await grpc.call('RecordPayment', request, { metadata: { 'idempotency-key': uniqueName('cheque') } });
    // then the deposit is paid and 500.00 is the client's credit
    expect(recorded).toMatchObject({
      payment: {
        client_id: clientId,
        method: 'PAYMENT_METHOD_CHEQUE',
        external_reference: 'CHQ-0042',
        received_on: '2040-01-09',
        allocations: [{ invoice_id: invoices[0].id, amount_cents: 750_000 }],
        unapplied_cents: 50_000,
      },
      invoices: [{ id: invoices[0].id, status: 'INVOICE_STATUS_PAID', amount_due_cents: 0 }],
      client_credit_cents: 50_000,
    });
    // and the same cheque again is refused, as its REST 409
    const again = await grpc.refusal('RecordPayment', { ...request, allocations: [] }, { metadata: { 'idempotency-key': uniqueName('cheque-again') } });
    expect([again.code, again.errorCode]).toEqual([status.FAILED_PRECONDITION, 'payment.duplicate_reference']);
  });

  it('refuses what a payment cannot be, each with its status and stable code, and applies none of it', async () => {
    // given an issued deposit and a draft
    const { invoices } = await aContractWithTheDepositIssued();
    const [open, draft] = invoices;
    const refusals = [
      [{ allocations: [{ invoice_id: open.id, amount_cents: 750_001 }], amount_cents: 750_001, currency: 'usd' }, status.INVALID_ARGUMENT, 'payment.allocation_exceeds_balance', 'allocations'],
      [{ invoice_id: open.id, amount_cents: 100, currency: 'eur' }, status.INVALID_ARGUMENT, 'payment.currency_mismatch', 'currency'],
      [{ invoice_id: draft.id, amount_cents: 100, currency: 'usd' }, status.FAILED_PRECONDITION, 'invoice.not_open', 'invoice_id'],
      [{ invoice_id: 'inv_01NOSUCHINVOICE', amount_cents: 100, currency: 'usd' }, status.NOT_FOUND, 'invoice.not_found', undefined],
      [{ invoice_id: open.id, amount_cents: 0, currency: 'usd' }, status.INVALID_ARGUMENT, 'request.invalid', 'amount_cents'],
      [{ invoice_id: open.id, amount_cents: 100, currency: 'USD' }, status.INVALID_ARGUMENT, 'request.invalid', 'currency'],
    ] as const;
    for (const [request, code, errorCode, field] of refusals) {
      const refusal = await grpc.refusal('RecordPayment', request, { metadata: { 'idempotency-key': uniqueName('pay') } });
      expect([refusal.code, refusal.errorCode, refusal.fieldErrors[0]?.field]).toEqual([code, errorCode, field]);
    }
    expect((await grpc.call('GetInvoice', { invoice_id: open.id })).invoice).toMatchObject({ amount_paid_cents: 0, status: 'INVOICE_STATUS_OPEN' });
  });

  it('answers unknown and malformed ids', async () => {
    const unknownInvoice = await grpc.refusal('GetInvoice', { invoice_id: 'inv_01NOSUCHINVOICE' });
    expect([unknownInvoice.code, unknownInvoice.errorCode]).toEqual([status.NOT_FOUND, 'invoice.not_found']);
    const unknownContract = await grpc.refusal('GetFinancialStatus', { contract_id: 'con_01NOSUCHCONTRACT' });
    expect([unknownContract.code, unknownContract.errorCode]).toEqual([status.NOT_FOUND, 'contract.not_found']);
    const malformed = await grpc.refusal('ListInvoices', { contract_id: '' });
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
    expect(malformed.fieldErrors).toEqual([expect.objectContaining({ field: 'contract_id', rule: 'matches' })]);
  });
});
