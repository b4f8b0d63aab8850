/** The languages a sign-in email is written in: a client's language, English when it has none. */
export type SignInEmailLanguage = 'en' | 'de';

/** One sign-in email: to whom, for which client, in which language, the link and how long it works. */
export interface SignInLinkEmail {
  readonly to: string;
  readonly clientName: string;
  readonly language: SignInEmailLanguage;
  /** `${PORTAL_PUBLIC_URL}/sign-in?token=mbl_…`: a credential, never logged. */
  readonly url: string;
  readonly validForSeconds: number;
}

/** What the relay did with it: sent, or a neutral reason it was not (`smtp_550`, `connection_refused`). */
export type SignInEmailOutcome = { readonly sent: true } | { readonly sent: false; readonly reason: string };

/**
 * Sends sign-in emails. contract-service sends them itself, over SMTP, rather than through
 * notification-service: the link is a credential and must not travel on Kafka topics that other
 * systems subscribe to (docs/decisions.md).
 */
export abstract class SignInLinkEmailChannel {
  abstract send(email: SignInLinkEmail): Promise<SignInEmailOutcome>;
}
