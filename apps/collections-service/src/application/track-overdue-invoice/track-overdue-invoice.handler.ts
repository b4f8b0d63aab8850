import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId, OffsetClock } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { CollectionsCase, OverdueInvoice } from '../../domain/case/case';
import type { DunningLadder } from '../../domain/dunning/dunning-ladder';
import { CaseRepository } from '../ports/case.repository';
import { CaseEventsPublisher } from '../case-events.publisher';
import { DUNNING_LADDER } from '../ports/dunning-ladder.port';

export interface TrackOverdueInvoice {
  readonly clientId: string;
  readonly invoice: OverdueInvoice;
  /** The event that caused it, for the outbox's causation id. */
  readonly causationId: string;
}

/**
 * An invoice went overdue: the client's open case takes it in, or a new case opens on the first
 * step of the ladder (announced by collections.case_opened). Runs in the caller's transaction.
 */
@Injectable()
export class TrackOverdueInvoiceHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly publisher: CaseEventsPublisher,
    @Inject(DUNNING_LADDER) private readonly ladder: DunningLadder,
    @Inject(SERVICE_CLOCK) private readonly clock: OffsetClock,
  ) {}

  async execute(manager: EntityManager, command: TrackOverdueInvoice): Promise<'opened' | 'joined' | 'already_tracked' | 'already_paid'> {
    if (await this.cases.isSettled(manager, command.invoice.invoiceId)) return 'already_paid';
    const existing = await this.cases.openCaseOfClient(manager, command.clientId);
    if (existing) {
      const outcome = existing.addOverdueInvoice(command.invoice);
      if (outcome === 'already_in_case') return 'already_tracked';
      await this.cases.save(manager, existing);
      await this.publisher.publish(manager, existing.pullEvents(), command.causationId);
      return 'joined';
    }
    const opened = CollectionsCase.open({ id: newId('case'), clientId: command.clientId, invoice: command.invoice, ladder: this.ladder, now: this.clock.now() });
    await this.cases.save(manager, opened);
    await this.publisher.publish(manager, opened.pullEvents(), command.causationId);
    return 'opened';
  }
}
