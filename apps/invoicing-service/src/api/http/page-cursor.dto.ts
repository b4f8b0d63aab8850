import { prefixedIdPattern } from '@mb/events';
import { RequestRejection } from '@mb/platform';
import type { InvoiceListPosition } from '../../application/queries/invoice-list.queries';

// Cursors are opaque to callers (they may change shape between versions): today, the position of
// the last row of the page in the list's order, as base64url-encoded JSON. A cursor that does not
// decode to a position of its list is a 400 naming it.

export function cursorOf(position: object | null): string | null {
  return position === null ? null : Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor names, when it is one `isPosition` accepts; null for the first page. */
export function positionOf<P extends object>(cursor: string | undefined, isPosition: (value: Record<string, unknown>) => boolean): P | null {
  if (cursor === undefined) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (decoded !== null && typeof decoded === 'object' && isPosition(decoded as Record<string, unknown>)) return decoded as P;
  } catch {
    // falls through to the refusal
  }
  const message = 'cursor must be a next_cursor this API returned';
  throw new RequestRejection(400, 'request.invalid', `cursor: ${message}`, [{ field: 'cursor', rule: 'isCursor', message }]);
}

function isContractId(value: unknown): value is string {
  return typeof value === 'string' && new RegExp(prefixedIdPattern('con')).test(value);
}

/** GET /v1/invoices: after a contract's milestone. */
export function invoiceListPositionOf(cursor: string | undefined): InvoiceListPosition | null {
  return positionOf<InvoiceListPosition>(
    cursor,
    (value) =>
      isContractId(value.contractId) &&
      Number.isSafeInteger(value.milestoneIndex) &&
      (value.milestoneIndex as number) >= 1 &&
      typeof value.invoiceId === 'string' &&
      new RegExp(prefixedIdPattern('inv')).test(value.invoiceId),
  );
}

/** GET /v1/reports/unbilled: after a contract. */
export function contractPositionOf(cursor: string | undefined): string | null {
  return positionOf<{ contractId: string }>(cursor, (value) => isContractId(value.contractId))?.contractId ?? null;
}
