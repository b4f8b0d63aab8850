export * from './local-services';
export * from './postgres-server';
export * from './database-bootstrap';
export * from './kafka-broker';
export * from './topics';
export * from './repository-root';
export * from './service-process';
