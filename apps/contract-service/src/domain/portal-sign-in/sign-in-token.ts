/**
 * The token of a sign-in link, as it travels in the link's URL (`…/sign-in?token=<token>`):
 * `mbl_<link id>_<secret>`, the link id `psl_<ULID>` and the secret 32 random bytes in base64url.
 * `mbl_` tells the log redaction and secret scanners what it is, as `mbk_` does for an API key;
 * the id finds the link without comparing secrets.
 */
export const SIGN_IN_TOKEN_PREFIX = 'mbl';

const PRESENTED_TOKEN = /^mbl_(psl_[0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

/** A token as presented, split into the link's id and the secret. */
export interface PresentedSignInToken {
  readonly linkId: string;
  readonly secret: string;
}

export function signInTokenText(linkId: string, secret: string): string {
  return `${SIGN_IN_TOKEN_PREFIX}_${linkId}_${secret}`;
}

/** The link id and secret of a well-formed token; null for anything else. */
export function parseSignInToken(token: string): PresentedSignInToken | null {
  const match = PRESENTED_TOKEN.exec(token);
  return match ? { linkId: match[1], secret: match[2] } : null;
}
