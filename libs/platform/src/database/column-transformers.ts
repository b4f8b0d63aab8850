import type { ValueTransformer } from 'typeorm';

/**
 * bigint minor units ↔ number. pg returns bigint as text; a stored amount beyond 2^53 would lose
 * cents on the way to a number, so reading one is a broken invariant, not a rounding.
 */
export const minorUnitsColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const minorUnits = Number(value);
    if (!Number.isSafeInteger(minorUnits)) throw new Error(`stored amount ${value} is not a safe integer of minor units`);
    return minorUnits;
  },
};
