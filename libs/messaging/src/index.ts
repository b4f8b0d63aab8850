export * from './kafka/kafka-client';
export * from './schema/messaging-tables.sql';
