export * from './grpc-errors';
export * from './grpc-error.filter';
export * from './grpc-requests';
export * from './grpc-server';
export * from './grpc-metrics.interceptor';
export * from './grpc-idempotency.interceptor';
