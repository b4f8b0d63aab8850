export * from './logging/logger';
export * from './logging/nest-logger';
export * from './health/readiness-check';
export * from './health/health.module';
export * from './metrics/service-metrics';
export * from './metrics/metrics.module';
export * from './tracing/tracing-settings';
export * from './tracing/start-tracing';
