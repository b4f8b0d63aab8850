import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@mb/platform';
import type { CollectionsServiceConfig } from '../../config';
import { type CaseFileDocument, jsonDocument } from '../../domain/case-file/case-file';
import { type CaseFileContext, CaseFileSection } from '../../application/ports/case-file.port';
import { ServiceApiClient, ServiceApiRefusal } from './service-api.fetcher';

type ServiceApiConfig = Pick<
  CollectionsServiceConfig,
  'CONTRACT_API_URL' | 'MILESTONE_API_URL' | 'INVOICING_API_URL' | 'NOTIFICATION_API_URL' | 'SERVICE_API_CREDENTIAL' | 'SERVICE_API_TIMEOUT_MS'
>;

function clientFor(service: string, baseUrl: string, config: ServiceApiConfig): ServiceApiClient {
  return new ServiceApiClient(service, baseUrl, config.SERVICE_API_CREDENTIAL, config.SERVICE_API_TIMEOUT_MS, 'case_file');
}

/** The contracts the case's invoices bill, distinct, in the order the invoices joined the case. */
function contractIdsOf(context: CaseFileContext): string[] {
  return [...new Set(context.collectionsCase.invoices.map((invoice) => invoice.contractId))];
}

/** A file name from an id or number chosen elsewhere: only characters a zip path keeps as they are. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Each contract (terms, schedule, client) from contract-service, and its milestones with approvals and evidence from milestone-service. */
@Injectable()
export class ContractsSection extends CaseFileSection {
  readonly name = 'contracts';
  private readonly contracts: ServiceApiClient;
  private readonly milestones: ServiceApiClient;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceApiConfig) {
    super();
    this.contracts = clientFor('contract-service', config.CONTRACT_API_URL, config);
    this.milestones = clientFor('milestone-service', config.MILESTONE_API_URL, config);
  }

  async collect(context: CaseFileContext): Promise<CaseFileDocument[]> {
    const documents: CaseFileDocument[] = [];
    for (const contractId of contractIdsOf(context)) {
      const folder = `contracts/${safeName(contractId)}`;
      const id = encodeURIComponent(contractId);
      documents.push(jsonDocument(`${folder}/contract.json`, await this.contracts.getJson(`/v1/contracts/${id}`)));
      // Each milestone carries its approval: who was asked, the evidence, when it was approved (or deemed accepted).
      documents.push(jsonDocument(`${folder}/milestones.json`, await this.milestones.getJson(`/v1/contracts/${id}/milestones`)));
    }
    return documents;
  }
}

interface CreditNoteSummary {
  readonly id: string;
  readonly number: string;
}

/** Each invoice of the case as JSON and as the PDF the client received, and the credit notes against them. */
@Injectable()
export class InvoicesSection extends CaseFileSection {
  readonly name = 'invoices';
  private readonly invoicing: ServiceApiClient;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceApiConfig) {
    super();
    this.invoicing = clientFor('invoicing-service', config.INVOICING_API_URL, config);
  }

  async collect(context: CaseFileContext): Promise<CaseFileDocument[]> {
    const documents: CaseFileDocument[] = [];
    for (const invoice of context.collectionsCase.invoices) {
      const id = encodeURIComponent(invoice.invoiceId);
      const name = safeName(invoice.invoiceNumber);
      documents.push(jsonDocument(`invoices/${name}.json`, await this.invoicing.getJson(`/v1/invoices/${id}`)));
      documents.push({ path: `invoices/${name}.pdf`, contentType: 'application/pdf', content: (await this.invoicing.getBytes(`/v1/invoices/${id}/pdf`, 'application/pdf')).content });
      const creditNotes = await this.invoicing.getJson<{ data: CreditNoteSummary[] }>(`/v1/credit-notes?invoice_id=${id}`);
      for (const creditNote of creditNotes.data) {
        const creditNoteName = safeName(creditNote.number);
        documents.push(jsonDocument(`credit-notes/${creditNoteName}.json`, creditNote));
        const pdf = await this.invoicing.getBytes(`/v1/credit-notes/${encodeURIComponent(creditNote.id)}/pdf`, 'application/pdf');
        documents.push({ path: `credit-notes/${creditNoteName}.pdf`, contentType: 'application/pdf', content: pdf.content });
      }
    }
    return documents;
  }
}

/** How many pages of payments are read at most: a client with more is an anomaly to stop at, not to loop on. */
const MAX_PAYMENT_PAGES = 50;

/** Every payment of the client with its allocations (payments.json), from invoicing-service. */
@Injectable()
export class PaymentsSection extends CaseFileSection {
  readonly name = 'payments';
  private readonly invoicing: ServiceApiClient;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceApiConfig) {
    super();
    this.invoicing = clientFor('invoicing-service', config.INVOICING_API_URL, config);
  }

  async collect(context: CaseFileContext): Promise<CaseFileDocument[]> {
    const payments: unknown[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAYMENT_PAGES; page++) {
      const query = `client_id=${encodeURIComponent(context.collectionsCase.clientId)}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const found: { data: unknown[]; next_cursor: string | null } = await this.invoicing.getJson(`/v1/payments?${query}`);
      payments.push(...found.data);
      cursor = found.next_cursor;
      if (!cursor) break;
    }
    return [jsonDocument('payments.json', { client_id: context.collectionsCase.clientId, payments })];
  }
}

/**
 * Every message sent to the client, with its attempts and timestamps, from notification-service's
 * delivery log (GET /v1/deliveries?client_id=). Until that API lists by client (it lists by event
 * today), the section says so in communications.json rather than fail the hand-off.
 */
@Injectable()
export class CommunicationsSection extends CaseFileSection {
  readonly name = 'communications';
  private readonly notification: ServiceApiClient;

  constructor(@Inject(SERVICE_CONFIG) config: ServiceApiConfig) {
    super();
    this.notification = clientFor('notification-service', config.NOTIFICATION_API_URL, config);
  }

  async collect(context: CaseFileContext): Promise<CaseFileDocument[]> {
    const clientId = context.collectionsCase.clientId;
    try {
      const deliveries = await this.notification.getJson<{ data: unknown[] }>(`/v1/deliveries?client_id=${encodeURIComponent(clientId)}`);
      return [jsonDocument('communications.json', { client_id: clientId, deliveries: deliveries.data })];
    } catch (error) {
      if (!(error instanceof ServiceApiRefusal) || error.status !== 400) throw error;
      return [jsonDocument('communications.json', { client_id: clientId, deliveries: null, unavailable: `notification-service does not list deliveries by client: ${error.detail}` })];
    }
  }
}
