import { status } from '@grpc/grpc-js';
import { GRPC_APIS } from '@mb/grpc';
import { GrpcTestClient } from '@mb/testing';
import { InvoicingTestKit } from './invoicing-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('invoice corrections over gRPC', () => {
  let kit: InvoicingTestKit;
  let grpc: GrpcTestClient;

  beforeAll(async () => {
    kit = await InvoicingTestKit.start();
    // A year of its own, so that its numbers never interleave with another test file's.
    await kit.moveClockTo('2041-02-03T10:00:00Z');
    grpc = GrpcTestClient.connect(GRPC_APIS.invoicing, kit.service.grpcAddress);
  });

  afterAll(async () => {
    grpc?.close();
    await kit?.close();
  });

  async function anIssuedDeposit(): Promise<{ contractId: string; invoiceId: string }> {
    const { contractId } = await kit.anActiveContract({ tax_rate_bps: 1_000 });
    const invoice = await kit.issued(contractId, 1, 750_000);
    return { contractId, invoiceId: invoice.id };
  }

  it('issues a credit note by line, reads it back by id and by invoice', async () => {
    // given a deposit of 7,500.00 + 750.00 tax
    const { invoiceId } = await anIssuedDeposit();
    // when 100.00 of its line is credited
    const issued = await grpc.call('IssueCreditNote', { invoice_id: invoiceId, reason: 'Descoped.', lines: [{ line_number: 1, amount_cents: 10_000 }] });
    // then it is numbered in CN-2041, 100.00 + 10.00 tax, and the invoice owes the rest
    expect(issued.credit_note).toMatchObject({
      number: expect.stringMatching(/^CN-2041-\d{6}$/),
      invoice_id: invoiceId,
      subtotal_cents: 10_000,
      tax_cents: 1_000,
      total_cents: 11_000,
      issue_date: '2041-02-03',
      lines: [expect.objectContaining({ invoice_line_number: 1, amount_cents: 10_000, tax_cents: 1_000 })],
    });
    expect(issued.invoice).toEqual({ id: invoiceId, status: 'INVOICE_STATUS_OPEN', amount_credited_cents: 11_000, amount_due_cents: 814_000 });
    expect((await grpc.call('GetCreditNote', { credit_note_id: issued.credit_note.id })).credit_note).toEqual(issued.credit_note);
    expect((await grpc.call('ListCreditNotes', { invoice_id: invoiceId })).credit_notes.map((note: Json) => note.id)).toEqual([issued.credit_note.id]);
    // and the invoice reads as credited in part
    expect((await grpc.call('GetInvoice', { invoice_id: invoiceId })).invoice).toMatchObject({ amount_credited_cents: 11_000, amount_due_cents: 814_000 });
  });

  it('credits in full, voids and writes off, each with its status', async () => {
    const credited = await anIssuedDeposit();
    expect((await grpc.call('IssueCreditNote', { invoice_id: credited.invoiceId, reason: 'Cancelled.', full: true })).invoice.status).toBe('INVOICE_STATUS_CREDITED');

    const voided = await anIssuedDeposit();
    const afterVoid = (await grpc.call('VoidInvoice', { invoice_id: voided.invoiceId, reason: 'Wrong PO.' })).invoice;
    expect(afterVoid).toMatchObject({ status: 'INVOICE_STATUS_VOID', amount_due_cents: 0, closing_reason: 'Wrong PO.', closed_at: expect.objectContaining({ seconds: expect.anything() }) });
    await kit.awaitEvents('invoice.voided', voided.contractId, 1);

    const writtenOff = await anIssuedDeposit();
    const afterWriteOff = (await grpc.call('MarkInvoiceUncollectible', { invoice_id: writtenOff.invoiceId, reason: 'Insolvent.' })).invoice;
    expect(afterWriteOff).toMatchObject({ status: 'INVOICE_STATUS_UNCOLLECTIBLE', amount_written_off_cents: 825_000, amount_due_cents: 0 });
    await kit.awaitEvents('invoice.uncollectible', writtenOff.contractId, 1);
    expect((await grpc.call('GetFinancialStatus', { contract_id: writtenOff.contractId })).financial_status).toMatchObject({ written_off_cents: 825_000, outstanding_cents: 0 });
  });

  it('refuses what a correction cannot be, with the status and code REST gives', async () => {
    const { invoiceId } = await anIssuedDeposit();
    const refusals = [
      ['IssueCreditNote', { invoice_id: invoiceId, reason: 'x', full: true, amount_cents: 5 }, status.INVALID_ARGUMENT, 'credit_note.scope_required'],
      ['IssueCreditNote', { invoice_id: invoiceId, reason: 'x', lines: [{ line_number: 2, amount_cents: 5 }] }, status.INVALID_ARGUMENT, 'credit_note.unknown_line'],
      ['IssueCreditNote', { invoice_id: invoiceId, reason: 'x' }, status.INVALID_ARGUMENT, 'credit_note.scope_required'],
      ['IssueCreditNote', { invoice_id: 'inv_01NOSUCHINVOICE', reason: 'x', full: true }, status.NOT_FOUND, 'invoice.not_found'],
      ['VoidInvoice', { invoice_id: invoiceId, reason: '' }, status.INVALID_ARGUMENT, 'request.invalid'],
      ['GetCreditNote', { credit_note_id: 'cn_01NOSUCHNOTE' }, status.NOT_FOUND, 'credit_note.not_found'],
    ] as const;
    for (const [rpc, request, code, errorCode] of refusals) {
      const refusal = await grpc.refusal(rpc, request);
      expect([rpc, refusal.code, refusal.errorCode]).toEqual([rpc, code, errorCode]);
    }
    await kit.pay({ invoice_id: invoiceId, amount_cents: 100, currency: 'usd' });
    const paid = await grpc.refusal('VoidInvoice', { invoice_id: invoiceId, reason: 'Wrong.' });
    expect([paid.code, paid.errorCode]).toEqual([status.FAILED_PRECONDITION, 'invoice.has_payments']);
    // and a project manager may not correct an invoice
    const asProjectManager = GrpcTestClient.connect(GRPC_APIS.invoicing, kit.service.grpcAddress, 'project_manager');
    try {
      expect((await asProjectManager.refusal('MarkInvoiceUncollectible', { invoice_id: invoiceId, reason: 'x' })).code).toBe(status.PERMISSION_DENIED);
    } finally {
      asProjectManager.close();
    }
  });
});
