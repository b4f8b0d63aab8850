import { Inject, Injectable } from '@nestjs/common';
import { DomainRejection, calendarDateOf, type OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { DataSource } from 'typeorm';
import { InvoiceErrors } from '../../domain/invoice/invoice.errors';
import type { InvoiceSnapshot } from '../../domain/invoice/invoice';
import { ContractTermsRepository, FinancialReadModel, InvoiceRepository } from '../ports/invoicing.ports';
import { invoiceViewOf, type InvoiceView } from './invoice.view';

export interface FinancialStatusView {
  contract_id: string;
  client_id: string;
  currency: string;
  total_value_cents: number;
  billed_cents: number;
  tax_billed_cents: number;
  paid_cents: number;
  outstanding_cents: number;
  unbilled_cents: number;
}

/** Renders an issued invoice as a document a person reads. */
export abstract class InvoiceDocumentRenderer {
  abstract render(invoice: InvoiceSnapshot): Promise<Buffer>;
}

@Injectable()
export class InvoiceQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoiceRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly financials: FinancialReadModel,
    private readonly renderer: InvoiceDocumentRenderer,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async invoice(id: string): Promise<InvoiceView> {
    const invoice = await this.invoices.findById(this.dataSource.manager, id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    return invoiceViewOf(invoice.snapshot(), this.today());
  }

  async invoicesOfContract(contractId: string): Promise<InvoiceView[]> {
    const invoices = await this.invoices.listByContract(this.dataSource.manager, contractId);
    return invoices.map((invoice) => invoiceViewOf(invoice.snapshot(), this.today()));
  }

  async pdf(id: string): Promise<{ number: string; document: Buffer }> {
    const invoice = await this.invoices.findById(this.dataSource.manager, id);
    if (!invoice) throw InvoiceErrors.notFound(id);
    const snapshot = invoice.snapshot();
    if (snapshot.number === null) throw InvoiceErrors.notIssued(id);
    return { number: snapshot.number, document: await this.renderer.render(snapshot) };
  }

  /**
   * What the contract is worth, what has been billed, paid and is still owed. Contract value and
   * unbilled are in schedule terms (before tax: the milestones add up to the value); billed, paid
   * and outstanding are receivables, tax included. So, always:
   *   unbilled = total_value − (billed − tax_billed)   and   outstanding = billed − paid;
   * with no tax (tax_billed = 0), unbilled = total_value − billed.
   */
  async financialStatus(contractId: string): Promise<FinancialStatusView> {
    const manager = this.dataSource.manager;
    const terms = await this.contracts.find(manager, contractId);
    if (!terms) throw new DomainRejection('not_found', 'contract.not_found', `invoicing knows no active contract ${contractId}`);
    const figures = await this.financials.financialsOf(manager, contractId);
    return {
      contract_id: contractId,
      client_id: terms.clientId,
      currency: terms.currency,
      total_value_cents: terms.totalValueCents,
      billed_cents: figures.billedCents,
      tax_billed_cents: figures.billedCents - figures.billedSubtotalCents,
      paid_cents: figures.paidCents,
      outstanding_cents: figures.billedCents - figures.paidCents,
      unbilled_cents: terms.totalValueCents - figures.billedSubtotalCents,
    };
  }

  private today(): string {
    return calendarDateOf(this.clock.now());
  }
}
