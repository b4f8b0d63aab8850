/** At most this many sign-in links go to one address within SIGN_IN_THROTTLE_WINDOW_MS. */
export const SIGN_IN_LINKS_PER_ADDRESS = 5;

/** The window the links to one address are counted over: 15 minutes. */
export const SIGN_IN_THROTTLE_WINDOW_MS = 15 * 60_000;

/**
 * How many of the links a request asks for (one per client the address is a contact of) may be
 * sent, given how many went to the address within the window: never more than five in fifteen
 * minutes, so asking in a loop cannot bomb a mailbox. A person with links still unused in the last
 * quarter of an hour has enough of them.
 */
export function signInLinksAllowed(issuedWithinWindow: number, wanted: number): number {
  return Math.max(0, Math.min(wanted, SIGN_IN_LINKS_PER_ADDRESS - issuedWithinWindow));
}
