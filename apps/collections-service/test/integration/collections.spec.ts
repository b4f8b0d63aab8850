import { aPaymentRecordedV1, aValidEvent, EventData } from '@mb/events';
import { addDays, calendarDateIn, newEventId, newId } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { injectAs, testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { eventually, EventPublisher, TopicReader, testKafka } from './collections-test-kit';

describe('collections-service', () => {
  let service: BootstrappedService<unknown>;
  let publisher: EventPublisher;
  let reader: TopicReader;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      CLOCK_CONTROL: 'enabled',
      LOG_LEVEL: 'warn',
    });
    const kafka = testKafka();
    publisher = await EventPublisher.connect(kafka);
    reader = await TopicReader.start(kafka, ['collections.case_opened', 'collections.case_closed']);
  });

  afterAll(async () => {
    await reader?.close();
    await publisher?.close();
    await service?.close();
  });

  function anOverdue(clientId: string, contractId: string, invoiceId: string, number: string, overrides: Partial<EventData<'invoice.overdue'>> = {}) {
    return aValidEvent('invoice.overdue', {
      id: newEventId(),
      // Due yesterday by the service clock, so that the ladder's next stage is days away.
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: number, amount_due_cents: 772_500, days_overdue: 3, due_date: yesterday(), ...overrides },
    });
  }

  function yesterday(): string {
    return addDays(calendarDateIn(service.runtime.clock.now(), 'UTC'), -1);
  }

  function aPaid(clientId: string, contractId: string, invoiceId: string, number: string) {
    return aValidEvent('invoice.paid', {
      id: newEventId(),
      data: { client_id: clientId, contract_id: contractId, invoice_id: invoiceId, invoice_number: number },
    });
  }

  async function casesOf(clientId: string): Promise<{ id: string; status: string; stage: string; invoices: { invoice_id: string; balance_cents: number }[] }[]> {
    const response = await injectAs(service.app, 'admin', { method: 'GET', url: `/v1/cases?client_id=${clientId}` });
    expect(response.statusCode).toBe(200);
    return response.json().data;
  }

  it('opens one case per client for its overdue invoices and closes it when they are all paid', async () => {
    // given a client with an invoice that goes overdue
    const clientId = newId('cli');
    const contractId = newId('con');
    const [first, second] = [newId('inv'), newId('inv')];
    await publisher.publish(anOverdue(clientId, contractId, first, 'INV-2026-000101'), contractId);

    // then a case opens on the friendly reminder and is announced
    const [opened] = await eventually(() => reader.about('collections.case_opened', 'client_id', clientId), (found) => found.length === 1, 'case_opened');
    expect(opened.envelope.data).toMatchObject({ stage: 'friendly_reminder', invoice_id: first, invoice_number: 'INV-2026-000101', amount_due_cents: 772_500, days_overdue: 3 });
    expect(opened.key).toBe(clientId);

    // when a second invoice of the same client goes overdue
    await publisher.publish(anOverdue(clientId, contractId, second, 'INV-2026-000102', { amount_due_cents: 100_000 }), contractId);

    // then it joins the same case, and no second case is opened or announced
    const cases = await eventually(() => casesOf(clientId), (found) => found[0]?.invoices.length === 2, 'the second invoice to join the case');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ id: opened.envelope.data.case_id, status: 'open', stage: 'friendly_reminder' });
    expect(reader.about('collections.case_opened', 'client_id', clientId)).toHaveLength(1);

    // when the first invoice is paid, the case stays open; when the second is paid, it closes
    await publisher.publish(aPaid(clientId, contractId, first, 'INV-2026-000101'), contractId);
    await eventually(() => casesOf(clientId), (found) => found[0]?.invoices.find((invoice) => invoice.invoice_id === first)?.balance_cents === 0, 'the first balance to clear');
    expect((await casesOf(clientId))[0].status).toBe('open');
    await publisher.publish(aPaid(clientId, contractId, second, 'INV-2026-000102'), contractId);

    // then case_closed is announced with resolution paid
    const [closed] = await eventually(() => reader.about('collections.case_closed', 'client_id', clientId), (found) => found.length === 1, 'case_closed');
    expect(closed.envelope.data).toMatchObject({ case_id: opened.envelope.data.case_id, resolution: 'paid' });
    expect((await casesOf(clientId))[0].status).toBe('closed');
  });

  /**
   * Publishes a harmless event of `event` behind the ones already sent with `key` and waits until
   * it is handled: the partition is then drained up to it, since a partition is handled in order.
   */
  async function drain(event: 'invoice.overdue' | 'invoice.paid' | 'payment.recorded', key: string): Promise<void> {
    const stranger = newId('cli');
    const marker =
      event === 'invoice.overdue'
        ? anOverdue(stranger, key, newId('inv'), 'INV-2026-999999')
        : event === 'invoice.paid'
          ? aPaid(stranger, key, newId('inv'), 'INV-2026-999999')
          : aPaymentOf(stranger, newId('con'), newId('inv'), 'INV-2026-999999', 1);
    await publisher.publish(marker, key);
    await eventually(
      // The cases' own consumer group: invoice events and payment.recorded are also read by the
      // dispute-invoices and payment-plans groups.
      async () => (await service.runtime.dataSource.query(`SELECT 1 FROM collections.inbox WHERE event_id = $1 AND consumer_group = 'collections-service.collections'`, [marker.id])).length,
      (rows) => rows === 1,
      `the ${event} marker to be handled`,
    );
  }

  function aPaymentOf(clientId: string, contractId: string, invoiceId: string, number: string, amountCents: number) {
    return aValidEvent('payment.recorded', {
      id: newEventId(),
      data: {
        payment_id: newId('pay'),
        client_id: clientId,
        amount_cents: amountCents,
        allocations: [{ invoice_id: invoiceId, invoice_number: number, contract_id: contractId, amount_cents: amountCents }],
        unapplied_cents: 0,
      },
    });
  }

  it('lowers a case balance by a payment of either version of payment.recorded, and ignores what was left unapplied', async () => {
    // given an overdue invoice of 772,500 in a case
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    await publisher.publish(anOverdue(clientId, contractId, invoiceId, 'INV-2026-000401'), contractId);
    await eventually(() => casesOf(clientId), (found) => found.length === 1, 'the case');
    // when a version 1 payment (one contract's, keyed by contract) pays 100,000 of it
    const v1 = aPaymentRecordedV1();
    await publisher.publish(
      { ...v1, id: newEventId(), data: { ...v1.data, payment_id: newId('pay'), contract_id: contractId, client_id: clientId, amount_cents: 100_000, allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000401', amount_cents: 100_000 }] } },
      contractId,
      1,
    );
    // then the balance is 672,500
    await eventually(() => casesOf(clientId), (found) => found[0]?.invoices[0]?.balance_cents === 672_500, 'the version 1 payment to apply');
    // when a version 2 payment of 700,000 (keyed by client) settles the rest and leaves 27,500 unapplied
    await publisher.publish(
      aValidEvent('payment.recorded', {
        id: newEventId(),
        data: {
          payment_id: newId('pay'),
          client_id: clientId,
          amount_cents: 700_000,
          allocations: [{ invoice_id: invoiceId, invoice_number: 'INV-2026-000401', contract_id: contractId, amount_cents: 672_500 }],
          unapplied_cents: 27_500,
        },
      }),
    );
    // then the case closes, paid
    const [closed] = await eventually(() => reader.about('collections.case_closed', 'client_id', clientId), (found) => found.length === 1, 'case_closed');
    expect(closed.envelope.data).toMatchObject({ resolution: 'paid' });
  });

  it('applies a redelivered event once', async () => {
    // given an overdue invoice delivered twice (the same event id)
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    const overdue = anOverdue(clientId, contractId, invoiceId, 'INV-2026-000201');
    await publisher.publish(overdue, contractId);
    await publisher.publish(overdue, contractId);
    await drain('invoice.overdue', contractId);

    // then the client has one case with the invoice once, announced once
    const cases = await casesOf(clientId);
    expect(cases).toHaveLength(1);
    expect(cases[0].invoices).toHaveLength(1);
    await eventually(() => reader.about('collections.case_opened', 'client_id', clientId), (found) => found.length >= 1, 'case_opened');

    // when the payment arrives twice, and then invoice.paid for the same invoice
    const payment = aPaymentOf(clientId, contractId, invoiceId, 'INV-2026-000201', 772_500);
    await publisher.publish(payment, clientId);
    await publisher.publish(payment, clientId);
    await publisher.publish(aPaid(clientId, contractId, invoiceId, 'INV-2026-000201'), contractId);
    await drain('payment.recorded', clientId);
    await drain('invoice.paid', contractId);

    // then the case is closed, and each announcement was made once
    expect((await casesOf(clientId))[0].status).toBe('closed');
    await eventually(() => reader.about('collections.case_closed', 'client_id', clientId), (found) => found.length >= 1, 'case_closed');
    const outbox: { topic: string }[] = await service.runtime.dataSource.query(
      `SELECT topic FROM collections.outbox WHERE payload::jsonb -> 'data' ->> 'client_id' = $1 ORDER BY position`,
      [clientId],
    );
    expect(outbox.map((row) => row.topic)).toEqual(['collections.case_opened', 'collections.case_closed']);
  });

  it('opens nothing for an invoice already paid when its overdue notice arrives late', async () => {
    // given an invoice whose payment was handled first
    const clientId = newId('cli');
    const contractId = newId('con');
    const invoiceId = newId('inv');
    await publisher.publish(aPaid(clientId, contractId, invoiceId, 'INV-2026-000301'), contractId);
    await drain('invoice.paid', contractId);
    // when its overdue notice arrives
    await publisher.publish(anOverdue(clientId, contractId, invoiceId, 'INV-2026-000301'), contractId);
    await drain('invoice.overdue', contractId);
    // then no case is opened
    expect(await casesOf(clientId)).toEqual([]);
  });

  it('reacts to corrections: a credit note lowers the balance, a void settles, a write-off closes the case as partly written off', async () => {
    // given a client with three invoices overdue in one case
    const clientId = newId('cli');
    const contractId = newId('con');
    const [credited, voided, writtenOff] = [newId('inv'), newId('inv'), newId('inv')];
    await publisher.publish(anOverdue(clientId, contractId, credited, 'INV-2026-000201'), contractId);
    await publisher.publish(anOverdue(clientId, contractId, voided, 'INV-2026-000202'), contractId);
    await publisher.publish(anOverdue(clientId, contractId, writtenOff, 'INV-2026-000203'), contractId);
    await eventually(() => casesOf(clientId), (found) => found[0]?.invoices.length === 3, 'three invoices in the case');
    const balanceOf = async (invoiceId: string) => (await casesOf(clientId))[0].invoices.find((invoice) => invoice.invoice_id === invoiceId)?.balance_cents;

    // when a credit note takes 500.00 off the first, the second is voided and the third written off
    const creditNote = (data: Partial<EventData<'credit_note.issued'>>) =>
      aValidEvent('credit_note.issued', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_id: credited, ...data } });
    await publisher.publish(creditNote({ amount_credited_cents: 50_000, invoice_status: 'open', invoice_amount_due_cents: 722_500 }), contractId);
    await eventually(() => balanceOf(credited), (balance) => balance === 722_500, 'the credit to lower the balance');
    await publisher.publish(aValidEvent('invoice.voided', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_id: voided } }), contractId);
    await publisher.publish(aValidEvent('invoice.uncollectible', { id: newEventId(), data: { client_id: clientId, contract_id: contractId, invoice_id: writtenOff } }), contractId);
    await eventually(() => balanceOf(voided), (balance) => balance === 0, 'the void to settle its invoice');
    await eventually(() => balanceOf(writtenOff), (balance) => balance === 0, 'the write-off to clear its invoice');
    expect((await casesOf(clientId))[0].status).toBe('open');

    // and a credit note that credits the rest in full closes the case: partly written off
    await publisher.publish(creditNote({ amount_credited_cents: 722_500, invoice_status: 'credited', invoice_amount_due_cents: 0 }), contractId);
    const [closed] = await eventually(() => reader.about('collections.case_closed', 'client_id', clientId), (found) => found.length === 1, 'case_closed');
    expect(closed.envelope.data).toMatchObject({ resolution: 'partly_written_off' });
  });

  it('answers 404 for an unknown case and 400 without a client', async () => {
    const missing = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/cases/case_01NOPE' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'case.not_found' });
    const noClient = await injectAs(service.app, 'admin', { method: 'GET', url: '/v1/cases' });
    expect(noClient.statusCode).toBe(400);
  });
});
