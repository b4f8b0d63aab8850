import { MigrationInterface, QueryRunner } from 'typeorm';
import { idempotencyKeysTableDownSql, idempotencyKeysTableUpSql } from '@mb/platform';

export class IdempotencyKeys1763900000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of idempotencyKeysTableUpSql('milestone')) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of idempotencyKeysTableDownSql('milestone')) await queryRunner.query(statement);
  }
}
