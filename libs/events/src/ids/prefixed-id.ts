/**
 * Ids on the wire, in events and in the HTTP APIs: the kind's prefix, an underscore, then an
 * opaque string of 1 to 64 URL-safe characters (A-Z, a-z, 0-9, `_` and `-`), e.g. `con_7732_alpha`.
 *
 * Only the prefix means something: it tells a contract id from an invoice id in logs, webhooks and
 * requests. The rest is opaque. The ids this system creates happen to be ULIDs (`newId` in
 * libs/kernel), but ids made elsewhere (a seed, an import, another producer) need not be, so no
 * consumer may parse, sort by or otherwise rely on the opaque part; compare ids whole. The opaque
 * part may itself contain `_`. 64 characters bound what a consumer must be ready to store.
 */
export const OPAQUE_ID_PART = '[A-Za-z0-9_-]{1,64}';

/** Words for the opaque part, for schema descriptions and error messages. */
export const OPAQUE_ID_RULE = 'an opaque string of 1 to 64 characters among A-Z, a-z, 0-9, _ and -';

const PREFIX = /^[a-z]+$/;

/** The JSON Schema / RegExp pattern of an id of one kind: `^con_[A-Za-z0-9_-]{1,64}$`. */
export function prefixedIdPattern(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`id prefix "${prefix}" must be lowercase letters`);
  return `^${prefix}_${OPAQUE_ID_PART}$`;
}

/** How an id of one kind looks, for a description: "con_ followed by an opaque string of ...". */
export function prefixedIdRule(prefix: string): string {
  return `${prefix}_ followed by ${OPAQUE_ID_RULE}`;
}
