import { newId, UnitOfWork } from '@mb/kernel';
import { bootstrapService, BootstrappedService } from '@mb/platform';
import { testAuthEnvironment, testServiceEnvironment } from '@mb/testing';
import { CaseRepository } from '../../src/application/ports/case.repository';
import { SettledInvoiceRepository } from '../../src/application/ports/settled-invoice.repository';
import { collectionsServiceDefinition } from '../../src/collections-service.definition';
import { CollectionsCase, type OverdueInvoice } from '../../src/domain/case/case';
import { DEFAULT_DUNNING_LADDER } from '../../src/domain/dunning/dunning-ladder';

/** The TypeORM mapping of cases against the real tables: what the use-case fakes stand in for. */
describe('collections-service case storage', () => {
  let service: BootstrappedService<unknown>;
  let unitOfWork: UnitOfWork;
  let cases: CaseRepository;
  let settledInvoices: SettledInvoiceRepository;

  beforeAll(async () => {
    service = await bootstrapService(collectionsServiceDefinition, {
      ...testServiceEnvironment('collections-service'),
      ...(await testAuthEnvironment()),
      LOG_LEVEL: 'warn',
    });
    unitOfWork = service.app.get(UnitOfWork);
    cases = service.app.get(CaseRepository);
    settledInvoices = service.app.get(SettledInvoiceRepository);
  });

  afterAll(async () => {
    await service?.close();
  });

  function anInvoice(overrides: Partial<OverdueInvoice> = {}): OverdueInvoice {
    return {
      invoiceId: newId('inv'),
      invoiceNumber: 'INV-2026-000401',
      contractId: newId('con'),
      currency: 'usd',
      // Beyond 2^31: bigint minor units must come back whole, as numbers.
      amountDueCents: 900_000_000_001,
      dueDate: '2026-06-30',
      daysOverdue: 3,
      ...overrides,
    };
  }

  /** What a use case does with a case it found: a missing one fails the test. */
  function found(collectionsCase: CollectionsCase | null): CollectionsCase {
    if (!collectionsCase) throw new Error('expected a case, found none');
    return collectionsCase;
  }

  async function anOpenCaseSaved(clientId: string, invoice: OverdueInvoice, openedAt = new Date('2026-07-03T09:00:00Z')): Promise<CollectionsCase> {
    const opened = CollectionsCase.open({ id: newId('case'), clientId, invoice, ladder: DEFAULT_DUNNING_LADDER, now: openedAt });
    await unitOfWork.run(() => cases.add(opened));
    return opened;
  }

  it('keeps a case with its invoices in the order they joined, amounts and due dates exact', async () => {
    // given a case opened for one invoice that a second one joined
    const clientId = newId('cli');
    const [first, second] = [anInvoice(), anInvoice({ invoiceNumber: 'INV-2026-000402', amountDueCents: 1, dueDate: '2026-12-31' })];
    const opened = await anOpenCaseSaved(clientId, first);
    const promisedAt = new Date('2026-07-04T10:00:00Z');
    await unitOfWork.run(async () => {
      const loaded = found(await cases.findOpenCaseOfClient(clientId));
      loaded.addOverdueInvoice(second);
      loaded.markInvoiceDisputed(second.invoiceId);
      loaded.recordPromise({ id: 'ptp_1', promisedDate: '2026-07-20', currency: 'usd', amountCents: 500, recordedBy: 'usr_1', today: '2026-07-04', now: promisedAt });
      await cases.save(loaded);
    });
    // when it is read back
    const readBack = await cases.findById(opened.id);
    // then it is the case as saved, at the next version, with both invoices in order
    expect(readBack?.snapshot()).toEqual({
      id: opened.id,
      clientId,
      status: 'open',
      stage: 'friendly_reminder',
      stageEnteredAt: new Date('2026-07-03T09:00:00Z'),
      openedAt: new Date('2026-07-03T09:00:00Z'),
      closedAt: null,
      handOff: null,
      closure: null,
      version: 2,
      ladder: DEFAULT_DUNNING_LADDER,
      clientTimeZone: 'UTC',
      holds: [{ kind: 'promise', since: promisedAt, until: '2026-07-20', reference: 'ptp_1' }],
      promises: [{ id: 'ptp_1', promisedDate: '2026-07-20', currency: 'usd', amountCents: 500, paidCents: 0, status: 'pending', recordedAt: promisedAt, recordedBy: 'usr_1', resolvedAt: null }],
      invoices: [
        { ...first, balanceCents: first.amountDueCents, writtenOffCents: 0, disputed: false },
        { ...second, balanceCents: 1, writtenOffCents: 0, disputed: true },
      ],
    });
    expect(await cases.findById(newId('case'))).toBeNull();
  });

  it("lists a client's cases newest first and finds the open one holding an invoice", async () => {
    // given a client whose first case closed and whose second is open
    const clientId = newId('cli');
    const paidInvoice = anInvoice({ amountDueCents: 500 });
    const older = await anOpenCaseSaved(clientId, paidInvoice, new Date('2026-07-01T09:00:00Z'));
    await unitOfWork.run(async () => {
      const holding = found(await cases.findOpenCaseHolding(paidInvoice.invoiceId));
      holding.applyPayment(paidInvoice.invoiceId, 500, new Date('2026-07-02T09:00:00Z'));
      await cases.save(holding);
    });
    const openInvoice = anInvoice();
    const newer = await anOpenCaseSaved(clientId, openInvoice, new Date('2026-07-05T09:00:00Z'));
    // when the client's cases are listed, and the open case holding each invoice is looked for
    const listed = await cases.findByClient(clientId);
    const [holdingPaid, holdingOpen] = await unitOfWork.run(() =>
      Promise.all([cases.findOpenCaseHolding(paidInvoice.invoiceId), cases.findOpenCaseHolding(openInvoice.invoiceId)]),
    );
    // then the newer case comes first; the closed case holds no open invoice any more
    expect(listed.map((listedCase) => [listedCase.id, listedCase.snapshot().status])).toEqual([
      [newer.id, 'open'],
      [older.id, 'closed'],
    ]);
    expect(listed[1].snapshot()).toMatchObject({ closedAt: new Date('2026-07-02T09:00:00Z'), invoices: [{ balanceCents: 0 }] });
    expect(holdingPaid).toBeNull();
    expect(holdingOpen?.id).toBe(newer.id);
  });

  it('refuses to save a case another writer changed since it was loaded', async () => {
    // given two writers that loaded the same case
    const clientId = newId('cli');
    const invoice = anInvoice({ amountDueCents: 1_000 });
    const opened = await anOpenCaseSaved(clientId, invoice);
    const [mine, theirs] = [found(await cases.findById(opened.id)), found(await cases.findById(opened.id))];
    // when the other writer saves first
    theirs.applyPayment(invoice.invoiceId, 400, new Date());
    await unitOfWork.run(() => cases.save(theirs));
    mine.applyPayment(invoice.invoiceId, 1_000, new Date());
    const saving = unitOfWork.run(() => cases.save(mine));
    // then this save is refused as a conflict and the other writer's balance stands
    await expect(saving).rejects.toMatchObject({ kind: 'conflict', code: 'case.concurrent_update' });
    expect((await cases.findById(opened.id))?.snapshot()).toMatchObject({ status: 'open', version: 2, invoices: [{ balanceCents: 600 }] });
  });

  it.each([
    ['the open case of a client', (clientId: string) => cases.findOpenCaseOfClient(clientId)],
    ['the open case holding an invoice', (_clientId: string, invoiceId: string) => cases.findOpenCaseHolding(invoiceId)],
  ])('locks %s, loaded for a change, until the unit of work ends', async (_what, load) => {
    // given an open case loaded for a change in one unit of work
    const clientId = newId('cli');
    const invoice = anInvoice();
    await anOpenCaseSaved(clientId, invoice);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let loaded!: () => void;
    const isLoaded = new Promise<void>((resolve) => (loaded = resolve));
    const first = unitOfWork.run(async () => {
      expect(await load(clientId, invoice.invoiceId)).not.toBeNull();
      loaded();
      await held;
    });
    await isLoaded;
    // when another transaction tries to lock the same row, waiting no more than 200 ms
    const second = service.runtime.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '200ms'`);
      await manager.query(`SELECT 1 FROM collections.cases WHERE client_id = $1 FOR UPDATE`, [clientId]);
    });
    // then it cannot have it (lock_not_available) while the first holds it
    await expect(second).rejects.toMatchObject({ driverError: { code: '55P03' } });
    release();
    await first;
  });

  it('remembers a settled invoice once, keeping the first settlement', async () => {
    // given an invoice settled twice
    const invoiceId = newId('inv');
    await unitOfWork.run(() => settledInvoices.add(invoiceId, new Date('2026-07-01T00:00:00Z')));
    await unitOfWork.run(() => settledInvoices.add(invoiceId, new Date('2026-07-09T00:00:00Z')));
    // then it is known as settled, at the first date
    await expect(settledInvoices.isSettled(invoiceId)).resolves.toBe(true);
    await expect(settledInvoices.isSettled(newId('inv'))).resolves.toBe(false);
    const rows: { settled_at: Date }[] = await service.runtime.dataSource.query(`SELECT settled_at FROM collections.settled_invoices WHERE invoice_id = $1`, [invoiceId]);
    expect(rows).toEqual([{ settled_at: new Date('2026-07-01T00:00:00Z') }]);
  });
});
