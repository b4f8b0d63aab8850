export * from './basis-points';
export * from './allocation';
export * from './currency';
export * from './amount-limits';
export * from './localized';
