export * from './config-schema';
export * from './config-variables';
export * from './service-config';
export * from './load-config';
export * from './security-variables';
export * from './production-safety';
