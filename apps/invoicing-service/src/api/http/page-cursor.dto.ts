import { prefixedIdPattern } from '@mb/events';
import { RequestRejection } from '@mb/platform';

// Cursors are opaque to callers (they may change shape between versions): today, the id of the
// last row of the page, base64url-encoded JSON. A cursor that does not decode is a 400 naming it.

export function cursorAfter(lastId: string | null): string | null {
  return lastId === null ? null : Buffer.from(JSON.stringify({ after: lastId }), 'utf8').toString('base64url');
}

/** The id a cursor says the page starts after (an id of the kind `prefix`), or null for the first page. */
export function afterIdOf(cursor: string | undefined, prefix: string): string | null {
  if (cursor === undefined) return null;
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof decoded.after === 'string' && new RegExp(prefixedIdPattern(prefix)).test(decoded.after)) return decoded.after;
  } catch {
    // falls through to the refusal
  }
  const message = 'cursor must be a next_cursor this API returned';
  throw new RequestRejection(400, 'request.invalid', `cursor: ${message}`, [{ field: 'cursor', rule: 'isCursor', message }]);
}
