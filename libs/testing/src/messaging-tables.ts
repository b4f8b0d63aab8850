/**
 * The outbox and inbox tables every service has, for a throwaway schema of a test's (or the
 * benchmark's) own. The services' migrations hold their own frozen copy of this SQL and never call
 * this: a change here changes no database that already ran its migrations. When the tables change,
 * the services get a new migration and this follows it.
 */
export function messagingTablesSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.outbox (
       position       bigserial   PRIMARY KEY,
       event_id       text        NOT NULL UNIQUE,
       topic          text        NOT NULL,
       partition_key  text        NOT NULL,
       payload        text        NOT NULL,
       headers        jsonb       NOT NULL,
       recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
       published_at   timestamptz
     )`,
    `CREATE INDEX outbox_pending ON ${schema}.outbox (position) WHERE published_at IS NULL`,
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
  ];
}
