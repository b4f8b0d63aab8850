import { Inject, Injectable } from '@nestjs/common';
import { type Clock, newId, UnitOfWork } from '@mb/kernel';
import { EventOutbox } from '@mb/messaging';
import { SERVICE_CLOCK } from '@mb/platform';
import { ClientBalance } from '../../domain/client-balance/client-balance';
import type { PaymentMethod } from '../../domain/payment/payment';
import { PaymentErrors } from '../../domain/payment/payment.errors';
import { Refund, type RefundSnapshot } from '../../domain/refund/refund';
import { refundCatalogueEvents } from '../events/refund.events';
import { ClientBalanceRepository } from '../ports/client-balance.repository';
import { ContractTermsRepository } from '../ports/contract-terms.repository';
import { RefundRepository } from '../ports/refund.repository';

export interface RecordRefundCommand {
  readonly clientId: string;
  readonly currency: string;
  readonly amountCents: number;
  /** When the money went back; today in the client's time zone when null. */
  readonly refundedOn: string | null;
  readonly method: PaymentMethod;
  readonly externalReference: string | null;
  readonly reason: string | null;
}

/**
 * Pays part or all of a client's unapplied credit in one currency back (issue 10): the credit is
 * locked, refuses more than it holds, and refund.recorded goes out in the same unit of work.
 */
@Injectable()
export class RecordRefundHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly balances: ClientBalanceRepository,
    private readonly refunds: RefundRepository,
    private readonly contracts: ContractTermsRepository,
    private readonly outbox: EventOutbox,
    @Inject(SERVICE_CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordRefundCommand): Promise<RefundSnapshot> {
    return this.unitOfWork.run(async () => {
      const client = await this.contracts.findClient(command.clientId);
      if (!client) throw PaymentErrors.clientNotKnown(command.clientId);
      // A client that never had credit in the currency has nothing to refund: an empty balance refuses.
      const credit = (await this.balances.lockIfAny(command.clientId, command.currency)) ?? ClientBalance.empty(command.clientId, command.currency);
      const refund = Refund.record({
        id: newId('rfd'),
        credit,
        clientTimeZone: client.clientTimeZone,
        amountCents: command.amountCents,
        refundedOn: command.refundedOn,
        method: command.method,
        externalReference: command.externalReference,
        reason: command.reason,
        now: this.clock.now(),
      });
      await this.refunds.add(refund);
      await this.balances.save(credit);
      await this.outbox.recordAll(refundCatalogueEvents(refund.pullEvents(), refund.snapshot()));
      return refund.snapshot();
    });
  }
}
