import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { InvoiceNumberSeriesRepository } from '../../application/ports/invoice-number-series.repository';
import { InvoiceNumberSeriesEntity } from './invoice.orm-entity';

@Injectable()
export class TypeOrmInvoiceNumberSeriesRepository extends InvoiceNumberSeriesRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  /**
   * Locks the series' counter row (FOR UPDATE) until the unit of work ends: concurrent issues queue
   * behind it, and a rolled-back issue releases it untouched, so no number is ever skipped (a
   * database sequence would burn numbers on rollback).
   */
  async lockLastSequence(series: string): Promise<number> {
    const manager = this.unitOfWork.currentManager();
    // The year's first issue creates its counter; a concurrent first issue's row is kept.
    await manager.createQueryBuilder().insert().into(InvoiceNumberSeriesEntity).values({ series, lastSequence: 0 }).orIgnore().updateEntity(false).execute();
    const counter = await manager.findOne(InvoiceNumberSeriesEntity, { where: { series }, lock: { mode: 'pessimistic_write' } });
    if (!counter) throw new Error(`invoice series ${series} has no counter row`);
    return counter.lastSequence;
  }

  async advanceTo(series: string, sequence: number): Promise<void> {
    const result = await this.unitOfWork
      .currentManager()
      .update(InvoiceNumberSeriesEntity, { series, lastSequence: sequence - 1 }, { lastSequence: sequence });
    if (result.affected !== 1) throw new Error(`invoice series ${series} did not advance to ${sequence}: a number would be skipped or reused`);
  }
}
