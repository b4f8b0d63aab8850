import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { SettledInvoiceRepository } from '../../application/ports/settled-invoice.repository';
import { SettledInvoiceEntity } from './settled-invoice.orm-entity';

@Injectable()
export class TypeOrmSettledInvoiceRepository extends SettledInvoiceRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(invoiceId: string, settledAt: Date): Promise<void> {
    // A redelivered or repeated invoice.paid keeps the first settlement (ON CONFLICT DO NOTHING).
    await this.unitOfWork.currentManager().createQueryBuilder().insert().into(SettledInvoiceEntity).values({ invoiceId, settledAt }).orIgnore().execute();
  }

  async isSettled(invoiceId: string): Promise<boolean> {
    return this.unitOfWork.readManager().existsBy(SettledInvoiceEntity, { invoiceId });
  }
}
