import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@mb/kernel';
import { DisputableInvoiceRepository, type IssuedInvoice } from '../ports/disputable-invoice.repository';

/**
 * Keeps what collections knows of every invoice of every client, from invoicing's events, so that
 * any open invoice can be disputed (not only overdue ones) for at most what is still owed on it.
 */
@Injectable()
export class TrackDisputableInvoicesHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: DisputableInvoiceRepository,
  ) {}

  async issued(invoice: IssuedInvoice): Promise<void> {
    await this.unitOfWork.run(() => this.invoices.recordIssued(invoice));
  }

  /** Payments and credit notes lower the balance, each part once (the consumer's inbox sees to that). */
  async reduced(reductions: readonly { invoiceId: string; amountCents: number }[]): Promise<void> {
    await this.unitOfWork.run(async () => {
      for (const reduction of reductions) await this.invoices.recordReduction(reduction.invoiceId, reduction.amountCents);
    });
  }

  async closed(invoiceId: string): Promise<void> {
    await this.unitOfWork.run(() => this.invoices.recordClosed(invoiceId));
  }
}
