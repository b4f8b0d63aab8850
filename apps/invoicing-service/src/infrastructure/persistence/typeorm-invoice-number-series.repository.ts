import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { InvoiceNumberSeriesRepository } from '../../application/ports/invoice-number-series.repository';

@Injectable()
export class TypeOrmInvoiceNumberSeriesRepository extends InvoiceNumberSeriesRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  /**
   * One statement, one round trip: the year's first issue creates its counter at 1, any later one
   * moves it on. The row lock it takes lasts until the unit of work ends, and a rollback undoes the
   * step, so no number is ever skipped (a database sequence would burn numbers on rollback).
   */
  async takeNextSequence(series: string): Promise<number> {
    const rows: { last_sequence: number }[] = await this.unitOfWork.currentManager().query(
      `INSERT INTO invoicing.invoice_number_series AS counter (series, last_sequence) VALUES ($1, 1)
       ON CONFLICT (series) DO UPDATE SET last_sequence = counter.last_sequence + 1
       RETURNING last_sequence`,
      [series],
    );
    return Number(rows[0].last_sequence);
  }
}
