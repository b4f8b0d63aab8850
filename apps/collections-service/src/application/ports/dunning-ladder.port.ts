/** The ladder the service runs; a provider so that a configured ladder can replace the default. */
export const DUNNING_LADDER = Symbol('DUNNING_LADDER');
