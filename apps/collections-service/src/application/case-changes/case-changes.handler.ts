import { Injectable } from '@nestjs/common';
import { Timers } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import type { CollectionsCase } from '../../domain/case/case';
import { caseCatalogueEvents, type StoredCaseFileReference } from '../events/case.events';
import { CaseRepository } from '../ports/case.repository';

/** The ladder's timer of each case, keyed by the case id: set for when its next stage is due. */
export const CASE_LADDER_TIMER = 'collections.case_ladder';

/** The timer of each pending promise to pay, keyed by the promise id: the end of its date in the client's zone. */
export const PROMISE_DUE_TIMER = 'collections.promise_due';

/**
 * Keeps what a case changed, in the open unit of work: the case itself, the events it recorded
 * (via the outbox) and its ladder timer, set for when its next stage is due or cancelled when
 * nothing moves it (held, closed, handed off, only disputed invoices left, last stage). Every use
 * case that changes a case goes through here, so the timer never drifts from the case.
 */
@Injectable()
export class CaseChanges {
  constructor(
    private readonly cases: CaseRepository,
    private readonly outbox: EventOutbox,
    private readonly timers: Timers,
  ) {}

  async opened(collectionsCase: CollectionsCase, causationId?: string): Promise<void> {
    await this.cases.add(collectionsCase);
    await this.afterWrite(collectionsCase, causationId);
  }

  /** `caseFile`: the case file a hand-off stored, which collections.handed_off names. */
  async changed(collectionsCase: CollectionsCase, causationId?: string, context: { caseFile?: StoredCaseFileReference } = {}): Promise<void> {
    await this.cases.save(collectionsCase);
    await this.afterWrite(collectionsCase, causationId, context);
  }

  private async afterWrite(collectionsCase: CollectionsCase, causationId?: string, context: { caseFile?: StoredCaseFileReference } = {}): Promise<void> {
    const events = collectionsCase.pullEvents();
    await this.outbox.recordAll(caseCatalogueEvents(events, collectionsCase, context), causationId ? { causationId } : undefined);
    const dueAt = collectionsCase.nextStageAt();
    if (dueAt) await this.timers.schedule(CASE_LADDER_TIMER, collectionsCase.id, dueAt);
    else await this.timers.cancel(CASE_LADDER_TIMER, collectionsCase.id);
  }
}
