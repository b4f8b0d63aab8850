/**
 * What operators are told of sign-in requests that did not end in an email: a log line and a
 * counter each; and of the housekeeping that purges old links and sessions. Never the address or
 * the link: they are personal data and a credential.
 */
export abstract class PortalSignInMonitor {
  /** Links an address asked for past the limit (five in fifteen minutes): none of them was sent. */
  abstract throttled(refused: { readonly clientIds: readonly string[]; readonly issuedWithinWindow: number }): void;
  /** A link stored but whose email the relay did not take: the person asks again. */
  abstract sendFailed(failure: { readonly linkId: string; readonly clientId: string; readonly reason: string }): void;
  /** One run of the housekeeping: how many links and ended sessions it deleted. */
  abstract purged(purged: { readonly signInLinks: number; readonly portalSessions: number }): void;
}
