import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { InvoiceListSource, RELEASE_POSITION, type InvoiceListFilter, type InvoicePage, type InvoicePageRequest } from '../../application/queries/invoice-list.queries';
import { InvoiceEntity } from './invoice.orm-entity';
import { invoiceOf } from './typeorm-invoice.repository';

/** A release (no milestone) after the contract's milestones; see InvoiceListPosition. */
const POSITION = `coalesce(invoice.milestone_index, ${RELEASE_POSITION})`;

const OVERDUE_AT_NOW = `invoice.status = 'open' AND invoice.due_date < (CAST(:now AS timestamptz) AT TIME ZONE invoice.client_time_zone)::date`;

/**
 * The portfolio-wide list, keyset-paged by (contract_id, milestone position, id), which is unique: a page is
 * "the first `limit` invoices after the cursor's position", so pages cost the same at any depth and
 * never repeat or skip an invoice while others are added. One row more than asked says whether
 * another page follows.
 */
@Injectable()
export class TypeOrmInvoiceListSource extends InvoiceListSource {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async list(filter: InvoiceListFilter, page: InvoicePageRequest, now: Date): Promise<InvoicePage> {
    const query = this.unitOfWork
      .readManager()
      .createQueryBuilder(InvoiceEntity, 'invoice')
      .orderBy('invoice.contract_id', 'ASC')
      .addOrderBy(POSITION, 'ASC')
      .addOrderBy('invoice.id', 'ASC')
      .limit(page.limit + 1);
    if (page.after !== null) {
      query.andWhere(`(invoice.contract_id, ${POSITION}, invoice.id) > (:afterContractId, :afterMilestoneIndex, :afterInvoiceId)`, {
        afterContractId: page.after.contractId,
        afterMilestoneIndex: page.after.milestoneIndex,
        afterInvoiceId: page.after.invoiceId,
      });
    }
    if (filter.contractId !== undefined) query.andWhere('invoice.contractId = :contractId', { contractId: filter.contractId });
    if (filter.clientId !== undefined) query.andWhere('invoice.clientId = :clientId', { clientId: filter.clientId });
    if (filter.status !== undefined) query.andWhere('invoice.status = :status', { status: filter.status });
    if (filter.currency !== undefined) query.andWhere('invoice.currency = :currency', { currency: filter.currency });
    if (filter.dueFrom !== undefined) query.andWhere('invoice.dueDate >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo !== undefined) query.andWhere('invoice.dueDate <= :dueTo', { dueTo: filter.dueTo });
    if (filter.overdue !== undefined) {
      // Overdue by the client's calendar, as InvoiceView.overdue and the overdue metric say it:
      // open, and its due date before the client's date now (in its time zone).
      query.andWhere(`${filter.overdue ? '' : 'NOT '}(${OVERDUE_AT_NOW})`, { now: now.toISOString() });
    }
    const records = await query.getMany();
    const invoices = records.slice(0, page.limit).map((record) => invoiceOf(record).snapshot());
    const last = invoices[invoices.length - 1];
    return { invoices, lastWhenMore: records.length > page.limit ? { contractId: last.contractId, milestoneIndex: last.milestoneIndex ?? RELEASE_POSITION, invoiceId: last.id } : null };
  }
}
