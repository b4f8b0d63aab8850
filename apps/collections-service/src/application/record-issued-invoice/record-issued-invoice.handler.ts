import { Inject, Injectable } from '@nestjs/common';
import { type Clock, UnitOfWork } from '@mb/kernel';
import { SERVICE_CLOCK } from '@mb/platform';
import { ClientCalendarRepository } from '../ports/dunning-ladder.port';
import { type IssuedReceivable, ReceivableLedger } from '../ports/receivable-ledger.port';

/**
 * invoice.issued: the receivable ledger knows the invoice from its issue, so that payments and
 * credits that come before it falls overdue are counted when it does.
 */
@Injectable()
export class RecordIssuedInvoiceHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly ledger: ReceivableLedger,
    private readonly calendars: ClientCalendarRepository,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(receivable: IssuedReceivable): Promise<void> {
    await this.unitOfWork.run(() => this.ledger.recordIssued(receivable));
  }

  /** contract.activated named the client's time zone: its cases' days are its calendar days. */
  async rememberTimeZone(clientId: string, timeZone: string): Promise<void> {
    await this.unitOfWork.run(() => this.calendars.remember(clientId, timeZone, this.clock.now()));
  }
}
