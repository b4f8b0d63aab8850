import type { Role } from './roles';

/**
 * The longest subject this system accepts: a token whose `sub` is longer is refused. Subjects are
 * written into events as who did it (`terminated_by`, `handed_off_by`, …), which are capped at this
 * length (TEXT_LIMITS.subject in libs/events) so that an accepted request never makes an event the
 * outbox would refuse. API key ids (`mbk_` and a ULID) are far shorter.
 */
export const SUBJECT_MAX_LENGTH = 255;

/**
 * Who is calling, as the verified access token says: its subject (`sub`), its roles, and for the
 * `client` role the one client it is confined to (claim `billing_client_id`). An API key gives the
 * same: its id as subject, its one role, its client.
 */
export interface Caller {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Set only for a client-role caller: every query and list is confined to this client. */
  readonly clientId: string | null;
  /** Set when the caller presented an API key (`mbk_…`) rather than an access token: the key's id. */
  readonly apiKeyId?: string;
}

/**
 * Whether a caller may see something belonging to `clientId`. A client-role caller sees only its
 * own client's; APIs answer 404 for anything else, as if it did not exist, so that ids of other
 * clients' resources cannot be probed.
 */
export function callerSees(caller: Caller, clientId: string): boolean {
  return caller.clientId === null || caller.clientId === clientId;
}

/**
 * The resource, when the caller may see it; otherwise the same not-found the query answers for an
 * id that does not exist, so that a client cannot tell another client's resource from none.
 */
export function visibleTo<T extends { readonly clientId: string }>(caller: Caller, resource: T, notFound: () => Error): T {
  if (!callerSees(caller, resource.clientId)) throw notFound();
  return resource;
}

/** Only what the caller may see, of a list. */
export function onlyVisibleTo<T extends { readonly clientId: string }>(caller: Caller, resources: readonly T[]): T[] {
  return resources.filter((resource) => callerSees(caller, resource.clientId));
}
