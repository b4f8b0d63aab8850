export * from './test-infrastructure';
export * from './event-test-clients';
export * from './prometheus-text';
export * from './messaging-tables';
