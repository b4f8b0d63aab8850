import { Injectable } from '@nestjs/common';
import { TypeOrmUnitOfWork } from '@mb/messaging';
import { SignInLink } from '../../domain/portal-sign-in/sign-in-link';
import { SignInLinkRepository } from '../../application/ports/sign-in-link.repository';
import { SignInLinkEntity } from './sign-in-link.orm-entity';

@Injectable()
export class TypeOrmSignInLinkRepository extends SignInLinkRepository {
  constructor(private readonly unitOfWork: TypeOrmUnitOfWork) {
    super();
  }

  async add(link: SignInLink): Promise<void> {
    await this.unitOfWork.currentManager().insert(SignInLinkEntity, link.snapshot());
  }

  async findById(id: string): Promise<SignInLink | null> {
    const record = await this.unitOfWork.readManager().findOneBy(SignInLinkEntity, { id });
    return record ? SignInLink.restore(record) : null;
  }

  async holdAddress(email: string): Promise<void> {
    // A transaction-scoped advisory lock on the address's hash: released at commit or rollback.
    await this.unitOfWork.currentManager().query(`SELECT pg_advisory_xact_lock(hashtextextended('contract.portal_sign_in_links:' || $1, 0))`, [email]);
  }

  async countIssuedTo(email: string, since: Date): Promise<number> {
    return this.unitOfWork.readManager().createQueryBuilder(SignInLinkEntity, 'link').where('link.email = :email AND link.created_at >= :since', { email, since }).getCount();
  }

  async saveRedemption(link: SignInLink): Promise<boolean> {
    const { id, usedAt } = link.snapshot();
    if (usedAt === null) throw new Error(`sign-in link ${id} is saved as redeemed without being redeemed`);
    // The one statement that decides a race: of two redemptions at once, one row is updated.
    const [, affected] = (await this.unitOfWork
      .currentManager()
      .query(`UPDATE contract.portal_sign_in_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id`, [id, usedAt])) as [unknown[], number];
    return affected === 1;
  }
}
