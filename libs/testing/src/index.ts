export * from './test-infrastructure';
export * from './event-test-clients';
export * from './prometheus-text';
export * from './messaging-tables';
export * from './fakes/in-memory-unit-of-work';
export * from './fakes/recording-event-outbox';
export * from './grpc-test-client';
export * from './fakes/recording-timers';
