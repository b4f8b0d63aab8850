import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox publishes in commit order, sets aside what Kafka refuses, and has a leased relay:
 *
 * - position is no longer taken at insert but at commit, by a deferred constraint trigger that
 *   takes a transaction-level advisory lock for the schema and then nextval: the lock is released
 *   only after the commit is visible, so a later position is never visible before an earlier one,
 *   and the relay reading in position order publishes each key's events in commit order. The same
 *   trigger sends the relay's NOTIFY with a constant payload, which PostgreSQL folds into one per
 *   transaction. event_id becomes the primary key (position is null until commit).
 * - quarantined_at / quarantine_error: a row Kafka refused for good, set aside with its error; later
 *   rows of the same topic and key wait behind it (outbox_held_keys).
 * - outbox_relay_lease: the relay's leadership, renewed every few seconds and checked before each
 *   batch and in the statement that marks rows published (fencing_token).
 * - indexes for retention: published rows by published_at, inbox rows by processed_at.
 */
export class OutboxCommitOrderQuarantineLease1765740000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE contract.outbox DROP CONSTRAINT outbox_pkey`);
    await queryRunner.query(`ALTER TABLE contract.outbox DROP CONSTRAINT outbox_event_id_key`);
    await queryRunner.query(`ALTER TABLE contract.outbox ADD PRIMARY KEY (event_id)`);
    await queryRunner.query(`ALTER TABLE contract.outbox ALTER COLUMN position DROP DEFAULT, ALTER COLUMN position DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE contract.outbox ADD COLUMN quarantined_at timestamptz, ADD COLUMN quarantine_error text`);
    await queryRunner.query(`DROP INDEX contract.outbox_pending`);
    await queryRunner.query(`CREATE UNIQUE INDEX outbox_position ON contract.outbox (position)`);
    await queryRunner.query(`CREATE INDEX outbox_pending ON contract.outbox (position) WHERE published_at IS NULL AND quarantined_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX outbox_held_keys ON contract.outbox (topic, partition_key) WHERE published_at IS NULL AND quarantined_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX outbox_published_at ON contract.outbox (published_at) WHERE published_at IS NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION contract.outbox_position_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_advisory_xact_lock(hashtext('outbox-position:contract'));
       UPDATE contract.outbox SET position = nextval('contract.outbox_position_seq') WHERE event_id = NEW.event_id;
       PERFORM pg_notify('outbox_contract', '');
       RETURN NULL;
     END $$`);
    await queryRunner.query(`CREATE CONSTRAINT TRIGGER outbox_position_at_commit AFTER INSERT ON contract.outbox
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION contract.outbox_position_at_commit()`);
    await queryRunner.query(`CREATE TABLE contract.outbox_relay_lease (
       singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
       holder         text,
       fencing_token  bigint      NOT NULL DEFAULT 0,
       listener_pid   integer,
       expires_at     timestamptz NOT NULL DEFAULT '-infinity'
     )`);
    await queryRunner.query(`INSERT INTO contract.outbox_relay_lease DEFAULT VALUES`);
    await queryRunner.query(`CREATE INDEX inbox_processed_at ON contract.inbox (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX contract.inbox_processed_at`);
    await queryRunner.query(`DROP TABLE contract.outbox_relay_lease`);
    await queryRunner.query(`DROP TRIGGER outbox_position_at_commit ON contract.outbox`);
    await queryRunner.query(`DROP FUNCTION contract.outbox_position_at_commit()`);
    await queryRunner.query(`DROP INDEX contract.outbox_published_at`);
    await queryRunner.query(`DROP INDEX contract.outbox_held_keys`);
    await queryRunner.query(`DROP INDEX contract.outbox_pending`);
    await queryRunner.query(`DROP INDEX contract.outbox_position`);
    await queryRunner.query(`DELETE FROM contract.outbox WHERE position IS NULL`);
    await queryRunner.query(`ALTER TABLE contract.outbox DROP COLUMN quarantined_at, DROP COLUMN quarantine_error`);
    await queryRunner.query(`ALTER TABLE contract.outbox ALTER COLUMN position SET DEFAULT nextval('contract.outbox_position_seq'), ALTER COLUMN position SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE contract.outbox DROP CONSTRAINT outbox_pkey`);
    await queryRunner.query(`ALTER TABLE contract.outbox ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id)`);
    await queryRunner.query(`ALTER TABLE contract.outbox ADD PRIMARY KEY (position)`);
    await queryRunner.query(`CREATE INDEX outbox_pending ON contract.outbox (position) WHERE published_at IS NULL`);
  }
}
