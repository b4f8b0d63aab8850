import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { RefundRepository } from '../../application/ports/refund.repository';
import type { Refund } from '../../domain/refund/refund';
import { RefundEntity } from './payment.orm-entity';

@Injectable()
export class TypeOrmRefundRepository extends RefundRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(refund: Refund): Promise<void> {
    const { recordedAt, ...fields } = refund.snapshot();
    await this.unitOfWork.currentManager().insert(RefundEntity, { ...fields, recordedAt: new Date(recordedAt) });
  }
}
