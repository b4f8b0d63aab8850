import { RequestRejection } from '../http/problem-details.filter';

/** The realm in every Bearer challenge (RFC 6750 §3). */
const REALM = 'milestone-billing';

function challenge(error?: 'invalid_token' | 'insufficient_scope', description?: string): string {
  const parts = [`realm="${REALM}"`];
  if (error) parts.push(`error="${error}"`);
  // RFC 6750 §3: error_description is printable ASCII without quotes or backslashes.
  if (description) parts.push(`error_description="${description.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '')}"`);
  return `Bearer ${parts.join(', ')}`;
}

/**
 * 401: no token, or one we cannot trust (bad signature, another issuer or audience, expired). The
 * Bearer challenge tells the caller to fetch a (new) token; gRPC answers UNAUTHENTICATED.
 */
export class AuthenticationRequired extends RequestRejection {
  override readonly responseHeaders: Record<string, string>;

  constructor(code: 'auth.token_missing' | 'auth.token_invalid', detail: string) {
    super(401, code, detail);
    // RFC 6750 §3.1: a request without credentials gets the challenge without an error code.
    this.responseHeaders = { 'www-authenticate': code === 'auth.token_missing' ? challenge() : challenge('invalid_token', detail) };
  }
}

/** 403: a valid token whose roles may not call this operation; gRPC answers PERMISSION_DENIED. */
export class AccessDenied extends RequestRejection {
  override readonly responseHeaders: Record<string, string>;

  constructor(detail: string) {
    super(403, 'auth.role_not_allowed', detail);
    this.responseHeaders = { 'www-authenticate': challenge('insufficient_scope', detail) };
  }
}

/** 503: the identity provider's keys could not be fetched, so no token can be checked right now. */
export class IssuerUnavailable extends RequestRejection {
  constructor() {
    super(503, 'auth.issuer_unavailable', "the identity provider's keys could not be fetched; try again shortly");
  }
}
