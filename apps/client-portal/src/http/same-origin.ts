/**
 * OWASP's CSRF header check ("Verifying origin with standard headers"): a state-changing request
 * must say it comes from the portal's own origin, by Origin or, when a browser leaves that out,
 * by Referer. A request naming neither is refused too: every browser that can submit our forms
 * sends one of them (the pages set Referrer-Policy same-origin).
 */
export function comesFromOrigin(headers: { origin?: string; referer?: string }, portalOrigin: string): boolean {
  if (headers.origin !== undefined && headers.origin !== 'null') return headers.origin === portalOrigin;
  if (headers.referer === undefined) return false;
  try {
    return new URL(headers.referer).origin === portalOrigin;
  } catch {
    return false;
  }
}
