export * from './roles';
export * from './caller';
export * from './auth-config';
export * from './auth-errors';
export * from './access-token-verifier';
export * from './api-keys';
export * from './access-policy';
export * from './access.guard';
