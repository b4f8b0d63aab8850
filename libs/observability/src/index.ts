export * from './logging/logger';
export * from './logging/nest-logger';
export * from './health/readiness-check';
export * from './health/health.module';
