export * from './milestone';
export * from './milestone-status';
export * from './milestone.errors';
export * from './billing-trigger.policy';
