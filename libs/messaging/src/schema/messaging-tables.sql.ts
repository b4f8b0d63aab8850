/**
 * The outbox and inbox tables, created by each service's own migration inside its own schema.
 *
 * outbox.position orders publication. Two transactions touching the same aggregate are serialised
 * by the aggregate's row lock, and the outbox row is written after that lock is taken, so for one
 * partition key position order is commit order.
 * payload holds the exact JSON text that is published, so what was validated is what is sent.
 */
export function messagingTablesUpSql(schema: string): string[] {
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
  ];
}

export function messagingTablesDownSql(schema: string): string[] {
  return [`DROP TABLE ${schema}.inbox`, `DROP TABLE ${schema}.outbox`];
}
