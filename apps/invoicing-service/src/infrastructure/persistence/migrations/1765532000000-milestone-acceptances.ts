import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 4: the milestone's acceptance evidence on the invoice, from milestone.status_updated
 * (the evidence URL submitted, the approval and whether it was deemed). Written by the runtime role.
 */
export class MilestoneAcceptances1765532000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE invoicing.milestone_acceptances (
       contract_id     text        NOT NULL,
       milestone_index integer     NOT NULL,
       evidence_url    text,
       accepted_at     timestamptz,
       deemed_accepted boolean     NOT NULL DEFAULT false,
       PRIMARY KEY (contract_id, milestone_index)
     )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE invoicing.milestone_acceptances`);
  }
}
