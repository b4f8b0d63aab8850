/** google.protobuf.Timestamp as @grpc/proto-loader reads and writes it with GRPC_LOADER_OPTIONS. */
export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/**
 * A domain value as a proto enum value name, by the buf style: the enum's name in UPPER_SNAKE_CASE
 * as prefix. `protoEnumValue('MILESTONE_STATUS', 'in_progress')` is `MILESTONE_STATUS_IN_PROGRESS`.
 */
export function protoEnumValue(prefix: string, value: string): string {
  return `${prefix}_${value.toUpperCase()}`;
}

/**
 * A proto enum value name back to the domain's spelling; undefined for the UNSPECIFIED value, a
 * value of another enum, or a number the reader's proto does not know (so a validator refuses it).
 * `domainEnumValue('BILLING_TRIGGER', 'BILLING_TRIGGER_ON_SIGNING')` is `on_signing`.
 */
export function domainEnumValue(prefix: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith(`${prefix}_`)) return undefined;
  const name = value.slice(prefix.length + 1);
  return name === 'UNSPECIFIED' || name === '' ? undefined : name.toLowerCase();
}

/**
 * An instant as a Timestamp; undefined for null or undefined, so that the field is left unset.
 * A string is an RFC 3339 instant, as some snapshots keep them.
 */
export function timestampOf(instant: Date | string | null | undefined): Timestamp | undefined {
  if (instant === null || instant === undefined) return undefined;
  const milliseconds = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  if (Number.isNaN(milliseconds)) throw new Error(`not an instant: ${String(instant)}`);
  const seconds = Math.floor(milliseconds / 1000);
  return { seconds, nanos: (milliseconds - seconds * 1000) * 1_000_000 };
}

/** A Timestamp as read by a client back to a Date; null when the field was unset. */
export function instantOf(timestamp: Timestamp | null | undefined): Date | null {
  if (timestamp === null || timestamp === undefined) return null;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}
