import type { SignInLink } from '../../domain/portal-sign-in/sign-in-link';

/** Where client portal sign-in links are kept. Writes join the open unit of work; "not found" is null. */
export abstract class SignInLinkRepository {
  abstract add(link: SignInLink): Promise<void>;
  abstract findById(id: string): Promise<SignInLink | null>;
  /**
   * Until the open unit of work ends, no other one gets past this for the same address: requests
   * for one address are counted and answered one at a time, so two at once cannot both slip
   * under the limit.
   */
  abstract holdAddress(email: string): Promise<void>;
  /** How many links went to the address (normalized) at or after `since`. */
  abstract countIssuedTo(email: string, since: Date): Promise<number>;
  /**
   * Stores the link's redemption, in one statement that only marks it used if it is still unused
   * and unexpired at that time: false when another request redeemed it first (or it expired
   * meanwhile), and then nothing is written.
   */
  abstract saveRedemption(link: SignInLink): Promise<boolean>;
}
