import { status } from '@grpc/grpc-js';
import { aValidEvent } from '@mb/events';
import { GRPC_APIS, instantOf } from '@mb/grpc';
import { newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { GrpcTestClient, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, testKafka } from './collections-test-kit';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('collections-service over gRPC', () => {
  let service: BootstrappedService<unknown>;
  let grpc: GrpcTestClient;
  let publisher: EventPublisher;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    grpc = GrpcTestClient.connect(GRPC_APIS.collections, service.grpcAddress);
    publisher = await EventPublisher.connect(testKafka());
  });

  afterAll(async () => {
    grpc?.close();
    await publisher?.close();
    await service?.close();
  });

  it("reads a client's open case and its invoices, then sees it closed once they are paid", async () => {
    // given a client whose invoice went overdue
    const [clientId, contractId, invoiceId] = [newId('cli'), newId('con'), newId('inv')];
    // Due three days ago: the ladder's next stage is still days away. (With the fixture's due date, months back, its
    // timer was already due and could move the case on before the read below.)
    const dueDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const overdue = { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: 'INV-2026-000201', amount_due_cents: 772_500, due_date: dueDate, days_overdue: 3 };
    await publisher.publish(aValidEvent('invoice.overdue', { id: newEventId(), data: overdue }), contractId);

    // when its cases are listed over gRPC
    const [opened] = await eventually(async () => (await grpc.call('ListCases', { client_id: clientId })).cases as Json[], (cases) => cases.length === 1, 'a case');

    // then the case is open at the first stage, with the invoice and its balance in cents
    expect(opened).toMatchObject({
      id: expect.stringMatching(/^case_/),
      client_id: clientId,
      status: 'CASE_STATUS_OPEN',
      stage: 'friendly_reminder',
      closed_at: null,
      balance_cents: 772_500,
      invoices: [expect.objectContaining({ invoice_id: invoiceId, invoice_number: 'INV-2026-000201', contract_id: contractId, amount_due_cents: 772_500, days_overdue: 3 })],
    });
    expect(opened.invoices[0].due_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(instantOf(opened.opened_at)).toBeInstanceOf(Date);
    expect((await grpc.call('GetCase', { case_id: opened.id })).case).toEqual(opened);

    // when the invoice is paid, then the case reads closed
    await publisher.publish(aValidEvent('invoice.paid', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: 'INV-2026-000201' } }), contractId);
    const closed = await eventually(async () => (await grpc.call('GetCase', { case_id: opened.id })).case as Json, (found) => found.status === 'CASE_STATUS_CLOSED', 'the case to close');
    expect(closed.balance_cents).toBe(0);
    expect(instantOf(closed.closed_at)).toBeInstanceOf(Date);
  });

  it('answers an unknown case with NOT_FOUND case.not_found', async () => {
    const refusal = await grpc.refusal('GetCase', { case_id: newId('case') });
    expect([refusal.code, refusal.errorCode]).toEqual([status.NOT_FOUND, 'case.not_found']);
  });

  it('refuses a list without a client id with INVALID_ARGUMENT naming the field and rule', async () => {
    const refusal = await grpc.refusal('ListCases', {});
    expect([refusal.code, refusal.errorCode]).toEqual([status.INVALID_ARGUMENT, 'request.invalid']);
    expect(refusal.fieldErrors).toEqual([expect.objectContaining({ field: 'client_id', rule: 'matches' })]);
    expect((await grpc.call('ListCases', { client_id: newId('cli') })).cases).toEqual([]);
  });
});
