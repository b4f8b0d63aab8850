import { Injectable } from '@nestjs/common';
import { type EntityManager, In, QueryFailedError } from 'typeorm';
import { ConcurrentUpdate } from '@mb/kernel';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { PaymentPlan } from '../../domain/payment-plan/payment-plan';
import { PaymentPlanErrors } from '../../domain/payment-plan/payment-plan.errors';
import { PaymentPlanRepository } from '../../application/ports/payment-plan.repository';
import { PaymentPlanEntity, PaymentPlanInstalmentEntity, PaymentPlanInvoiceEntity, type PaymentPlanRecord } from './payment-plan.orm-entity';

const ONE_ACTIVE_PLAN_INDEX = 'payment_plans_one_active_per_case_currency';
const ONE_PROPOSED_PLAN_INDEX = 'payment_plans_one_proposed_per_case';

@Injectable()
export class TypeOrmPaymentPlanRepository extends PaymentPlanRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<PaymentPlan | null> {
    const manager = options.forUpdate ? this.unitOfWork.currentManager() : this.unitOfWork.readManager();
    const record = await manager.findOne(PaymentPlanEntity, { where: { id }, ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    return record ? (await this.withDetails(manager, [record]))[0] : null;
  }

  async findActiveOfCase(caseId: string, currency: string): Promise<PaymentPlan | null> {
    const manager = this.unitOfWork.currentManager();
    const record = await manager.findOneBy(PaymentPlanEntity, { caseId, currency, status: 'agreed' });
    return record ? (await this.withDetails(manager, [record]))[0] : null;
  }

  async findProposedOfCase(caseId: string): Promise<PaymentPlan | null> {
    const manager = this.unitOfWork.currentManager();
    const record = await manager.findOne(PaymentPlanEntity, { where: { caseId, status: 'proposed' }, lock: { mode: 'pessimistic_write' } });
    return record ? (await this.withDetails(manager, [record]))[0] : null;
  }

  async findByCase(caseId: string): Promise<PaymentPlan[]> {
    const manager = this.unitOfWork.readManager();
    const records = await manager.find(PaymentPlanEntity, { where: { caseId }, order: { proposedAt: 'ASC', id: 'ASC' } });
    return this.withDetails(manager, records);
  }

  async findActiveCovering(invoiceId: string): Promise<PaymentPlan[]> {
    const manager = this.unitOfWork.currentManager();
    const records = await manager
      .createQueryBuilder(PaymentPlanEntity, 'p')
      .innerJoin(PaymentPlanInvoiceEntity.options.name, 'i', 'i.paymentPlanId = p.id')
      .where('i.invoiceId = :invoiceId', { invoiceId })
      .andWhere('p.status = :status', { status: 'agreed' })
      .orderBy('p.id')
      .setLock('pessimistic_write', undefined, ['p'])
      .getMany();
    return this.withDetails(manager, records);
  }

  async add(plan: PaymentPlan): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { invoices, instalments, ...fields } = plan.snapshot();
    try {
      await manager.insert(PaymentPlanEntity, { ...fields, version: 1 });
    } catch (error) {
      if (isUniqueViolationOf(error, ONE_ACTIVE_PLAN_INDEX)) throw PaymentPlanErrors.alreadyActive(fields.currency, 'another plan');
      // Another proposal for the case was made at the same moment: this one lost the race.
      if (isUniqueViolationOf(error, ONE_PROPOSED_PLAN_INDEX)) throw new ConcurrentUpdate('payment_plan', fields.caseId);
      throw error;
    }
    await manager.insert(
      PaymentPlanInvoiceEntity,
      invoices.map((invoice, index) => ({ paymentPlanId: fields.id, ...invoice, position: index + 1 })),
    );
    await manager.insert(
      PaymentPlanInstalmentEntity,
      instalments.map((instalment) => ({ paymentPlanId: fields.id, ...instalment })),
    );
  }

  async save(plan: PaymentPlan): Promise<void> {
    const manager = this.unitOfWork.currentManager();
    const { instalments, ...fields } = plan.snapshot();
    let result;
    try {
      result = await manager.update(
        PaymentPlanEntity,
        { id: fields.id, version: fields.version },
        { status: fields.status, agreedAt: fields.agreedAt, agreedBy: fields.agreedBy, endedAt: fields.endedAt, version: fields.version + 1 },
      );
    } catch (error) {
      // An accepted proposal meets a plan agreed for the case and currency meanwhile.
      if (isUniqueViolationOf(error, ONE_ACTIVE_PLAN_INDEX)) throw PaymentPlanErrors.alreadyActive(fields.currency, 'another plan');
      throw error;
    }
    if (result.affected !== 1) throw new ConcurrentUpdate('payment_plan', fields.id);
    for (const instalment of instalments) {
      await manager.update(PaymentPlanInstalmentEntity, { paymentPlanId: fields.id, number: instalment.number }, { paidCents: instalment.paidCents, paidAt: instalment.paidAt });
    }
  }

  private async withDetails(manager: EntityManager, records: PaymentPlanRecord[]): Promise<PaymentPlan[]> {
    if (records.length === 0) return [];
    const ids = records.map((record) => record.id);
    const invoices = await manager.find(PaymentPlanInvoiceEntity, { where: { paymentPlanId: In(ids) }, order: { paymentPlanId: 'ASC', position: 'ASC' } });
    const instalments = await manager.find(PaymentPlanInstalmentEntity, { where: { paymentPlanId: In(ids) }, order: { paymentPlanId: 'ASC', number: 'ASC' } });
    return records.map((record) =>
      PaymentPlan.restore({
        ...record,
        invoices: invoices
          .filter((invoice) => invoice.paymentPlanId === record.id)
          .map(({ invoiceId, invoiceNumber, contractId, amountCents }) => ({ invoiceId, invoiceNumber, contractId, amountCents })),
        instalments: instalments
          .filter((instalment) => instalment.paymentPlanId === record.id)
          .map(({ number, kind, dueDate, amountCents, paidCents, paidAt }) => ({ number, kind, dueDate, amountCents, paidCents, paidAt })),
      }),
    );
  }
}

function isUniqueViolationOf(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
