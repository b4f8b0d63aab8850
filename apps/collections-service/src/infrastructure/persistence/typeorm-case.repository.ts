import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { type CaseInvoice, type CaseSnapshot, CollectionsCase } from '../../domain/case/case';
import { CaseRepository } from '../../application/ports/case.repository';
import { CaseEntity, CaseInvoiceEntity, type CaseInvoiceRecord, type CaseRecord } from './case.orm-entity';

@Injectable()
export class TypeOrmCaseRepository extends CaseRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async findOpenCaseOfClient(clientId: string): Promise<CollectionsCase | null> {
    const manager = this.unitOfWork.currentManager();
    const record = await manager.findOne(CaseEntity, { where: { clientId, status: 'open' }, lock: { mode: 'pessimistic_write' } });
    return record ? (await this.withInvoices(manager, [record]))[0] : null;
  }

  async findOpenCaseHolding(invoiceId: string): Promise<CollectionsCase | null> {
    const manager = this.unitOfWork.currentManager();
    const record = await manager
      .createQueryBuilder(CaseEntity, 'c')
      .innerJoin(CaseInvoiceEntity.options.name, 'i', 'i.caseId = c.id')
      .where('i.invoiceId = :invoiceId', { invoiceId })
      // A handed-off case still takes payments (the agency's recoveries among them) until it closes.
      .andWhere('c.status IN (:...statuses)', { statuses: ['open', 'handed_off'] })
      // Only the case is locked (FOR UPDATE OF c), not the invoice rows joined to find it.
      .setLock('pessimistic_write', undefined, ['c'])
      .getOne();
    return record ? (await this.withInvoices(manager, [record]))[0] : null;
  }

  async findById(id: string): Promise<CollectionsCase | null> {
    const manager = this.unitOfWork.readManager();
    const record = await manager.findOneBy(CaseEntity, { id });
    return record ? (await this.withInvoices(manager, [record]))[0] : null;
  }

  async findByIdForUpdate(id: string): Promise<CollectionsCase | null> {
    const manager = this.unitOfWork.currentManager();
    const record = await manager.findOne(CaseEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return record ? (await this.withInvoices(manager, [record]))[0] : null;
  }

  async findByClient(clientId: string): Promise<CollectionsCase[]> {
    const manager = this.unitOfWork.readManager();
    const records = await manager.find(CaseEntity, { where: { clientId }, order: { openedAt: 'DESC', id: 'DESC' } });
    return this.withInvoices(manager, records);
  }

  async add(collectionsCase: CollectionsCase): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { invoices, ...fields } = collectionsCase.snapshot();
    await manager.insert(CaseEntity, { ...caseRecordOf(fields), version: 1 });
    await manager.insert(CaseInvoiceEntity, invoiceRecordsOf(fields.id, invoices));
  }

  async save(collectionsCase: CollectionsCase): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { invoices, ...fields } = collectionsCase.snapshot();
    const result = await manager.update(
      CaseEntity,
      { id: fields.id, version: fields.version },
      {
        status: fields.status,
        stage: fields.stage,
        stageEnteredAt: fields.stageEnteredAt,
        closedAt: fields.closedAt,
        clientTimeZone: fields.clientTimeZone,
        holds: caseRecordOf(fields).holds,
        promises: caseRecordOf(fields).promises,
        version: fields.version + 1,
      },
    );
    if (result.affected !== 1) throw new ConcurrentUpdate('case', fields.id);
    // Invoices that joined since loading are inserted; those already held only change their balance
    // (and what was written off).
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseInvoiceEntity)
      .values(invoiceRecordsOf(fields.id, invoices))
      .orUpdate(['balance_cents', 'written_off_cents', 'disputed'], ['case_id', 'invoice_id'])
      .execute();
    await this.saveHandOffAndClosure(manager, collectionsCase.snapshot());
  }

  /** A hand-off and a closure by hand are written once, when they happen, and never change. */
  private async saveHandOffAndClosure(manager: EntityManager, snapshot: CaseSnapshot): Promise<void> {
    if (snapshot.handOff) {
      await manager.query(
        `INSERT INTO collections.case_hand_offs (case_id, agency, reason, handed_off_by, handed_off_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id) DO NOTHING`,
        [snapshot.id, snapshot.handOff.agency, snapshot.handOff.reason, snapshot.handOff.by, snapshot.handOff.at],
      );
    }
    if (snapshot.closure) {
      await manager.query(`INSERT INTO collections.case_closures (case_id, closed_by, reason) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`, [
        snapshot.id,
        snapshot.closure.by,
        snapshot.closure.reason,
      ]);
    }
  }

  /** Each case with its invoices in the order they joined it. */
  private async withInvoices(manager: EntityManager, records: CaseRecord[]): Promise<CollectionsCase[]> {
    if (records.length === 0) return [];
    const invoices = await manager.find(CaseInvoiceEntity, {
      where: { caseId: In(records.map((record) => record.id)) },
      order: { caseId: 'ASC', position: 'ASC' },
    });
    const ids = records.map((record) => record.id);
    const handOffs: { case_id: string; agency: string; reason: string; handed_off_by: string; handed_off_at: Date }[] = await manager.query(
      `SELECT case_id, agency, reason, handed_off_by, handed_off_at FROM collections.case_hand_offs WHERE case_id = ANY($1)`,
      [ids],
    );
    const closures: { case_id: string; closed_by: string; reason: string }[] = await manager.query(
      `SELECT case_id, closed_by, reason FROM collections.case_closures WHERE case_id = ANY($1)`,
      [ids],
    );
    return records.map((record) => {
      const handOff = handOffs.find((row) => row.case_id === record.id);
      const closure = closures.find((row) => row.case_id === record.id);
      return CollectionsCase.restore({
        ...record,
        holds: record.holds.map((hold) => ({ ...hold, since: new Date(hold.since) })),
        promises: record.promises.map((promise) => ({ ...promise, recordedAt: new Date(promise.recordedAt), resolvedAt: promise.resolvedAt ? new Date(promise.resolvedAt) : null })),
        invoices: invoices.filter((invoice) => invoice.caseId === record.id).map(caseInvoiceOf),
        handOff: handOff ? { agency: handOff.agency, reason: handOff.reason, by: handOff.handed_off_by, at: new Date(handOff.handed_off_at) } : null,
        closure: closure ? { by: closure.closed_by, reason: closure.reason } : null,
      });
    });
  }
}

function caseRecordOf(fields: Omit<CaseSnapshot, 'invoices'>): Omit<CaseRecord, 'version'> {
  return {
    id: fields.id,
    clientId: fields.clientId,
    status: fields.status,
    stage: fields.stage,
    stageEnteredAt: fields.stageEnteredAt,
    openedAt: fields.openedAt,
    closedAt: fields.closedAt,
    ladder: fields.ladder,
    clientTimeZone: fields.clientTimeZone,
    holds: fields.holds.map((hold) => ({ ...hold, since: hold.since.toISOString() })),
    promises: fields.promises.map((promise) => ({ ...promise, recordedAt: promise.recordedAt.toISOString(), resolvedAt: promise.resolvedAt?.toISOString() ?? null })),
  };
}

function invoiceRecordsOf(caseId: string, invoices: readonly CaseInvoice[]): CaseInvoiceRecord[] {
  return invoices.map((invoice, index) => ({ caseId, ...invoice, position: index + 1 }));
}

function caseInvoiceOf(record: CaseInvoiceRecord): CaseInvoice {
  return {
    invoiceId: record.invoiceId,
    invoiceNumber: record.invoiceNumber,
    contractId: record.contractId,
    currency: record.currency,
    amountDueCents: record.amountDueCents,
    balanceCents: record.balanceCents,
    writtenOffCents: record.writtenOffCents,
    dueDate: record.dueDate,
    daysOverdue: record.daysOverdue,
    disputed: record.disputed,
  };
}
