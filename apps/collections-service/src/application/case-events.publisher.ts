import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@mb/messaging';
import { CaseEvent } from '../domain/case/case';

/** Turns the events a case recorded into catalogue events in the outbox, in the caller's transaction. */
@Injectable()
export class CaseEventsPublisher {
  constructor(@Inject(OutboxWriter) private readonly outbox: OutboxWriter) {}

  async publish(manager: EntityManager, events: CaseEvent[], causationId: string): Promise<void> {
    for (const event of events) {
      if (event.type === 'case_opened') {
        await this.outbox.record(
          manager,
          'collections.case_opened',
          {
            case_id: event.caseId,
            client_id: event.clientId,
            stage: event.stage,
            opened_at: event.openedAt.toISOString(),
            invoice_id: event.invoice.invoiceId,
            invoice_number: event.invoice.invoiceNumber,
            contract_id: event.invoice.contractId,
            currency: event.invoice.currency,
            amount_due_cents: event.invoice.amountDueCents,
            due_date: event.invoice.dueDate,
            days_overdue: Math.max(1, event.invoice.daysOverdue),
          },
          { causationId },
        );
      } else {
        await this.outbox.record(
          manager,
          'collections.case_closed',
          { case_id: event.caseId, client_id: event.clientId, resolution: event.resolution, closed_at: event.closedAt.toISOString() },
          { causationId },
        );
      }
    }
  }
}
