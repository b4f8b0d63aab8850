// The shared kernel: plain TypeScript every layer may use, the domain included.
export * from './ulid';
export * from './clock';
export * from './domain-rejection';
export * from './unit-of-work';
export * from './aggregate-root';
export * from './timers';
export * from './business-calendar';
