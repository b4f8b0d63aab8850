export * from './timer-handler';
export * from './pg-boss-timers';
export * from './timer-workers.provider';
