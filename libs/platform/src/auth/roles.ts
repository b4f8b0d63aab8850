/**
 * The roles an access token may carry (claim `roles`, as RFC 9068 §2.2.3.1 suggests). Who may
 * call what is declared per controller with @AccessPolicy; these groups keep those declarations
 * short and alike across the five services.
 */
export const ROLES = ['admin', 'finance', 'project_manager', 'client', 'service', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Every role that reads everything: the staff roles, other company systems and auditors. */
export const STAFF_READERS = ['admin', 'finance', 'project_manager', 'service', 'auditor'] as const satisfies readonly Role[];

/** The staff readers and a client, who sees only what belongs to its own client. */
export const READERS_AND_CLIENT = [...STAFF_READERS, 'client'] as const satisfies readonly Role[];
