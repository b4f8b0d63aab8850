export * from './test-infrastructure';
export * from './event-test-clients';
