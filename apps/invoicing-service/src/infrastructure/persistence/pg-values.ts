/** pg returns bigint as a string: money comes back as a safe integer or the read fails loudly. */
export function centsFrom(value: unknown, column: string): number {
  const cents = Number(value);
  if (!Number.isSafeInteger(cents)) throw new Error(`${column} is not a safe integer of minor units: ${String(value)}`);
  return cents;
}

export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
