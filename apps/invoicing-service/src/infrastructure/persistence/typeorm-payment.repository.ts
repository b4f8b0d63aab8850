import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { PaymentRepository } from '../../application/ports/payment.repository';
import type { Payment } from '../../domain/payment/payment';
import { PaymentEntity } from './payment.orm-entity';

@Injectable()
export class TypeOrmPaymentRepository extends PaymentRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(payment: Payment): Promise<void> {
    // The invoice number is not stored with the payment: the invoice it references has it.
    const { invoiceNumber: _onTheInvoice, recordedAt, ...fields } = payment.snapshot();
    await this.unitOfWork.currentManager().insert(PaymentEntity, { ...fields, recordedAt: new Date(recordedAt) });
  }
}
