export * from './config';
export * from './database/service-data-source';
export * from './service/service-runtime';
export * from './service/run-service';
export * from './http/problem-details.filter';
export * from './http/validation';
export * from './messaging/event-consumer.provider';
export * from './http/idempotency';
