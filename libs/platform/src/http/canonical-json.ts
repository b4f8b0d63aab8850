/**
 * A JSON value as one canonical text: object keys sorted (by UTF-16 code units, as RFC 8785 does),
 * arrays in their order, no whitespace. Two bodies that parse to the same value give the same
 * text whatever the order of their keys, so an Idempotency-Key retried with a re-serialised body
 * is recognised as the same request. Hand-written (docs/decisions.md): a dozen lines over
 * JSON.stringify, which already canonicalises strings and numbers.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
