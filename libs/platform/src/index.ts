export * from './config';
export * from './database/service-data-source';
export * from './service/service-runtime';
export * from './service/run-service';
