import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { newId } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { PaymentRepository, type CreditAllocation } from '../../application/ports/payment.repository';
import type { Payment } from '../../domain/payment/payment';
import { PaymentErrors } from '../../domain/payment/payment.errors';
import { PaymentAllocationEntity, PaymentEntity } from './payment.orm-entity';

/** The unique index of migration 1765520000000: one external reference per client. */
const EXTERNAL_REFERENCE_INDEX = 'payments_client_external_reference';

@Injectable()
export class TypeOrmPaymentRepository extends PaymentRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(payment: Payment): Promise<void> {
    const { allocations, recordedAt, ...fields } = payment.snapshot();
    const manager = this.unitOfWork.currentManager();
    try {
      await manager.insert(PaymentEntity, { ...fields, invoiceId: null, contractId: null, recordedAt: new Date(recordedAt) });
    } catch (error) {
      if (isUniqueViolationOf(error, EXTERNAL_REFERENCE_INDEX) && fields.externalReference !== null) {
        throw PaymentErrors.duplicateReference(fields.clientId, fields.externalReference);
      }
      throw error;
    }
    if (allocations.length === 0) return;
    await manager.insert(
      PaymentAllocationEntity,
      allocations.map((allocation) => ({
        id: newId('pal'),
        paymentId: fields.id,
        source: 'payment' as const,
        invoiceId: allocation.invoiceId,
        contractId: allocation.contractId,
        clientId: fields.clientId,
        currency: fields.currency,
        amountCents: allocation.amountCents,
        allocatedAt: new Date(recordedAt),
      })),
    );
  }

  async addCreditAllocation(allocation: CreditAllocation): Promise<void> {
    await this.unitOfWork.currentManager().insert(PaymentAllocationEntity, { ...allocation, paymentId: null, source: 'credit' });
  }
}

function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
