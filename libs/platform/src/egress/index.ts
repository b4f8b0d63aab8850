export * from './egress-address-policy';
export * from './guarded-request';
