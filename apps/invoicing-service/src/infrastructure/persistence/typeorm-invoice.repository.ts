import { Injectable } from '@nestjs/common';
import { type EntityManager, type FindOptionsWhere, In, IsNull, MoreThan } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { InvoiceRepository, type InvoiceLoadOptions } from '../../application/ports/invoice.repository';
import { Invoice } from '../../domain/invoice/invoice';
import type { InvoiceLine } from '../../domain/invoice/invoice-lines';
import type { RetainedInvoice } from '../../domain/invoice/retainage-release';
import { InvoiceEntity, type InvoiceRecord, type StoredInvoiceLine, type StoredReleasedInvoice } from './invoice.orm-entity';
import { RetainageReleaseEntity } from './retainage-release.orm-entity';

@Injectable()
export class TypeOrmInvoiceRepository extends InvoiceRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(invoice: Invoice): Promise<boolean> {
    const { version: _unsaved, overdueAnnouncedAt, paidAt, closedAt, lines, paymentIds, releasedInvoices, ...fields } = invoice.snapshot();
    const manager = this.unitOfWork.currentManager();
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(InvoiceEntity)
      .values({
        ...fields,
        lines: lines.map(storedLineOf),
        releasedInvoices: releasedInvoices.map(storedReleasedInvoiceOf),
        paymentIds: [...paymentIds],
        overdueAnnouncedAt: dateOrNull(overdueAnnouncedAt),
        paidAt: dateOrNull(paidAt),
        closedAt: dateOrNull(closedAt),
        version: 1,
      })
      // A redelivered activation finds the milestone's invoice there: keep it and add nothing. The
      // only unique key a new invoice can meet is (contract_id, milestone_index): its id is new and
      // a draft has no number yet.
      .orIgnore()
      .returning(['id'])
      .updateEntity(false)
      .execute();
    const added = Array.isArray(result.raw) && result.raw.length === 1;
    // Each withheld amount is billed once: a second release of the same invoice's retainage fails
    // here on the primary key, and its unit of work (number included) rolls back.
    if (added && releasedInvoices.length > 0) {
      await manager.insert(
        RetainageReleaseEntity,
        releasedInvoices.map((released) => ({
          releasedInvoiceId: released.invoiceId,
          releaseInvoiceId: fields.id,
          contractId: fields.contractId,
          retainageCents: released.retainageCents,
        })),
      );
    }
    return added;
  }

  async findById(id: string, options: InvoiceLoadOptions = {}): Promise<Invoice | null> {
    return this.findOne({ id }, options);
  }

  async findByMilestone(contractId: string, milestoneIndex: number, options: InvoiceLoadOptions = {}): Promise<Invoice | null> {
    return this.findOne({ contractId, milestoneIndex }, options);
  }

  async findByIds(ids: readonly string[], options: InvoiceLoadOptions = {}): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    return this.findMany({ id: In([...ids]) }, options);
  }

  async findOpenOfClient(clientId: string, currency: string, options: InvoiceLoadOptions = {}): Promise<Invoice[]> {
    return this.findMany({ clientId, currency, status: 'open' }, options);
  }

  async findByContract(contractId: string): Promise<Invoice[]> {
    // Milestone invoices in milestone order, then retainage releases (no milestone) by number.
    const records = await this.unitOfWork
      .readManager()
      .find(InvoiceEntity, { where: { contractId }, order: { milestoneIndex: { direction: 'ASC', nulls: 'LAST' }, number: 'ASC' } });
    return records.map(invoiceOf);
  }

  async findOpenUnannounced(afterId: string | null, limit: number): Promise<Invoice[]> {
    const records = await this.unitOfWork.readManager().find(InvoiceEntity, {
      where: { status: 'open', overdueAnnouncedAt: IsNull(), ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
    return records.map(invoiceOf);
  }

  async save(invoice: Invoice): Promise<void> {
    const s = invoice.snapshot();
    // What an issued invoice's intents change, and while it is a draft the figures a contract
    // amendment revises (an issued invoice's figures are fixed: the database refuses a change).
    const result = await this.unitOfWork.currentManager().update(
      InvoiceEntity,
      { id: s.id, version: s.version },
      {
        ...(s.status === 'draft'
          ? {
              milestoneTitle: s.milestoneTitle,
              netDays: s.netDays,
              taxRateBps: s.taxRateBps,
              retainageBps: s.retainageBps,
              plannedDate: s.plannedDate,
              scheduleVersion: s.scheduleVersion,
              lines: s.lines.map(storedLineOf),
              subtotalCents: s.subtotalCents,
              taxCents: s.taxCents,
              retainageCents: s.retainageCents,
              totalCents: s.totalCents,
              payableCents: s.payableCents,
            }
          : {}),
        number: s.number,
        status: s.status,
        milestoneId: s.milestoneId,
        amountPaidCents: s.amountPaidCents,
        amountCreditedCents: s.amountCreditedCents,
        paymentIds: [...s.paymentIds],
        issueDate: s.issueDate,
        dueDate: s.dueDate,
        overdueAnnouncedAt: dateOrNull(s.overdueAnnouncedAt),
        paidAt: dateOrNull(s.paidAt),
        closedAt: dateOrNull(s.closedAt),
        closingReason: s.closingReason,
        amountWrittenOffCents: s.amountWrittenOffCents,
        ...(s.cancelledSubtotalCents === 0
          ? {}
          : {
              lines: s.lines.map(storedLineOf),
              subtotalCents: s.subtotalCents,
              taxCents: s.taxCents,
              retainageCents: s.retainageCents,
              totalCents: s.totalCents,
              payableCents: s.payableCents,
              cancelledSubtotalCents: s.cancelledSubtotalCents,
            }),
        version: s.version + 1,
      },
    );
    if (result.affected === 0) throw new ConcurrentUpdate('invoice', s.id);
  }

  /** In id order, so that every writer locking several invoices takes the locks in one order. */
  private async findMany(where: FindOptionsWhere<InvoiceRecord>, options: InvoiceLoadOptions): Promise<Invoice[]> {
    const manager: EntityManager = options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
    const records = await manager.find(InvoiceEntity, {
      where,
      order: { id: 'ASC' },
      ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return records.map(invoiceOf);
  }

  private async findOne(where: FindOptionsWhere<InvoiceRecord>, options: InvoiceLoadOptions): Promise<Invoice | null> {
    // A lock only means something inside the unit of work that will write: it holds until commit.
    const manager: EntityManager = options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
    const record = await manager.findOne(InvoiceEntity, { where, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return record ? invoiceOf(record) : null;
  }
}

export function invoiceOf(record: InvoiceRecord): Invoice {
  const { createdAt: _createdAt, updatedAt: _updatedAt, lines, releasedInvoices, overdueAnnouncedAt, paidAt, closedAt, ...fields } = record;
  return Invoice.restore({
    ...fields,
    lines: lines.map(invoiceLineOf),
    releasedInvoices: releasedInvoices.map(releasedInvoiceOf),
    overdueAnnouncedAt: overdueAnnouncedAt?.toISOString() ?? null,
    paidAt: paidAt?.toISOString() ?? null,
    closedAt: closedAt?.toISOString() ?? null,
  });
}

/** An invoice line as the jsonb column keeps it (credit-note lines extend it). */
export function storedLineOf(line: InvoiceLine): StoredInvoiceLine {
  return {
    line_number: line.lineNumber,
    description: line.description,
    amount_cents: line.amountCents,
    tax_rate_bps: line.taxRateBps,
    tax_cents: line.taxCents,
    retainage_bps: line.retainageBps,
    retainage_cents: line.retainageCents,
  };
}

export function invoiceLineOf(line: StoredInvoiceLine): InvoiceLine {
  return {
    lineNumber: line.line_number,
    description: line.description,
    amountCents: line.amount_cents,
    taxRateBps: line.tax_rate_bps,
    taxCents: line.tax_cents,
    retainageBps: line.retainage_bps,
    retainageCents: line.retainage_cents,
  };
}

function storedReleasedInvoiceOf(released: RetainedInvoice): StoredReleasedInvoice {
  return {
    invoice_id: released.invoiceId,
    invoice_number: released.invoiceNumber,
    milestone_title: released.milestoneTitle,
    currency: released.currency,
    retainage_cents: released.retainageCents,
  };
}

function releasedInvoiceOf(stored: StoredReleasedInvoice): RetainedInvoice {
  return {
    invoiceId: stored.invoice_id,
    invoiceNumber: stored.invoice_number,
    milestoneTitle: stored.milestone_title,
    currency: stored.currency,
    retainageCents: stored.retainage_cents,
  };
}

function dateOrNull(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
