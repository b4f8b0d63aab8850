import type { Static, TObject } from '@sinclair/typebox';

/** The services that publish events (ARCHITECTURE.md "Services"). */
export type ProducerService =
  | 'contract-service'
  | 'milestone-service'
  | 'invoicing-service'
  | 'collections-service'
  | 'notification-service';

/** The `data` schema of each published version of one event, keyed by version number. */
export type DataSchemaVersions = { readonly [version: number]: TObject };

type RequiredStringKeys<T> = {
  [K in keyof T]-?: undefined extends T[K] ? never : T[K] extends string ? K : never;
}[keyof T];

/** The `data` fields that may serve as the Kafka key: strings required in every version. */
export type PartitionKeyCandidates<V extends DataSchemaVersions> = RequiredStringKeys<
  { [Version in keyof V]: V[Version] extends TObject ? Static<V[Version]> : never }[keyof V]
> &
  string;

export interface EventDefinition<
  N extends string = string,
  V extends DataSchemaVersions = DataSchemaVersions,
  C extends number = number,
  K extends string = string,
> {
  /** Event name and topic name (ARCHITECTURE.md: topic name = event name). */
  readonly name: N;
  readonly producer: ProducerService;
  /** One line, as published in the catalogue. */
  readonly description: string;
  /** The `data` field whose value is the Kafka message key; the same in every version. */
  readonly partitionKey: K;
  /** The version producers publish now; older versions stay until no consumer needs them. */
  readonly currentVersion: C;
  readonly versions: V;
}

export type AnyEventDefinition = EventDefinition<string, DataSchemaVersions, number, string>;

/**
 * Declares one event. The type parameters keep the literal name, versions and key, so that types
 * derived from the catalogue (EventData, EventEnvelope) are exact; the key must be a string field
 * required in every version, because a message without a key would lose its per-key ordering.
 */
export function defineEvent<
  const N extends string,
  const V extends DataSchemaVersions,
  const C extends keyof V & number,
  const K extends PartitionKeyCandidates<V>,
>(definition: {
  name: N;
  producer: ProducerService;
  description: string;
  partitionKey: K;
  currentVersion: C;
  versions: V;
}): EventDefinition<N, V, C, K> {
  return Object.freeze({ ...definition });
}
