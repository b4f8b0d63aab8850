/**
 * The outbox and inbox tables every service has, for a throwaway schema of a test's (or the
 * benchmark's) own. The services' migrations hold their own frozen copy of this SQL and never call
 * this: a change here changes no database that already ran its migrations. When the tables change,
 * the services get a new migration and this follows it (today: 1763769600000-messaging-tables then
 * 1765740000000-outbox-commit-order-quarantine-lease).
 */
export function messagingTablesSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox (
       event_id       text        PRIMARY KEY,
       position       bigint,
       topic          text        NOT NULL,
       partition_key  text        NOT NULL,
       payload        text        NOT NULL,
       headers        jsonb       NOT NULL,
       recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
       published_at   timestamptz,
       quarantined_at timestamptz,
       quarantine_error text
     )`,
    `CREATE SEQUENCE ${schema}.outbox_position_seq OWNED BY ${schema}.outbox.position`,
    ...outboxCommitOrderSql(schema),
    `CREATE TABLE ${schema}.inbox (
       consumer_group text        NOT NULL,
       event_id       text        NOT NULL,
       topic          text        NOT NULL,
       kafka_partition integer    NOT NULL,
       kafka_offset   bigint      NOT NULL,
       processed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (consumer_group, event_id)
     )`,
    `CREATE TABLE ${schema}.dead_lettered_keys (
       consumer_group     text        NOT NULL,
       partition_key      text        NOT NULL,
       dead_letter_source text        NOT NULL,
       event_id           text,
       reason             text        NOT NULL,
       dead_lettered_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (consumer_group, partition_key)
     )`,
    `CREATE TABLE ${schema}.parked_events (
       seq             bigserial   PRIMARY KEY,
       consumer_group  text        NOT NULL,
       partition_key   text        NOT NULL,
       topic           text        NOT NULL,
       kafka_partition integer     NOT NULL,
       kafka_offset    bigint      NOT NULL,
       event_id        text,
       message_value   bytea,
       headers         jsonb       NOT NULL,
       parked_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
       UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
     )`,
    `CREATE INDEX parked_events_by_key ON ${schema}.parked_events (consumer_group, partition_key, seq)`,
    `CREATE INDEX inbox_processed_at ON ${schema}.inbox (processed_at)`,
  ];
}

/** What 1765740000000-outbox-commit-order-quarantine-lease adds on top of the outbox columns. */
function outboxCommitOrderSql(schema: string): string[] {
  return [
    `CREATE UNIQUE INDEX outbox_position ON ${schema}.outbox (position)`,
    `CREATE INDEX outbox_pending ON ${schema}.outbox (position) WHERE published_at IS NULL AND quarantined_at IS NULL`,
    `CREATE INDEX outbox_held_keys ON ${schema}.outbox (topic, partition_key) WHERE published_at IS NULL AND quarantined_at IS NOT NULL`,
    `CREATE INDEX outbox_published_at ON ${schema}.outbox (published_at) WHERE published_at IS NOT NULL`,
    `CREATE FUNCTION ${schema}.outbox_position_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_advisory_xact_lock(hashtext('outbox-position:${schema}'));
       UPDATE ${schema}.outbox SET position = nextval('${schema}.outbox_position_seq') WHERE event_id = NEW.event_id;
       PERFORM pg_notify('outbox_${schema}', '');
       RETURN NULL;
     END $$`,
    `CREATE CONSTRAINT TRIGGER outbox_position_at_commit AFTER INSERT ON ${schema}.outbox
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${schema}.outbox_position_at_commit()`,
    `CREATE TABLE ${schema}.outbox_relay_lease (
       singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
       holder         text,
       fencing_token  bigint      NOT NULL DEFAULT 0,
       listener_pid   integer,
       expires_at     timestamptz NOT NULL DEFAULT '-infinity'
     )`,
    `INSERT INTO ${schema}.outbox_relay_lease DEFAULT VALUES`,
  ];
}
