/**
 * What a production process refuses to start with (issue 12 item 10), read from the raw
 * environment when NODE_ENV=production: settings that are fine on a laptop and a breach in
 * production. Each refusal names the variable and the rule; no value is ever repeated.
 */

/** Passwords the repository's examples and the usual images ship, and their patterns. */
const KNOWN_DEFAULT_PASSWORDS = new Set(['', 'postgres', 'password', 'secret', 'admin', 'root', 'test', 'example', 'changeme', 'guest', 'mailpit']);
const PLACEHOLDER_PASSWORD = /^change[-_]?me/i;
/** libpq sslmode values that encrypt the connection (`prefer` and `allow` fall back to plain text). */
const ENCRYPTING_SSL_MODES = new Set(['require', 'verify-ca', 'verify-full']);
/**
 * The local token issuer's settings (the authentication work's developer tool: never in
 * production). Agreed name: `AUTH_LOCAL_ISSUER`; any `AUTH_LOCAL_*` counts.
 */
const LOCAL_ISSUER_VARIABLE = /^AUTH_LOCAL_/;
const OFF_VALUES = new Set(['', 'disabled', 'false', '0', 'off']);

export function isDefaultPassword(user: string, password: string): boolean {
  return KNOWN_DEFAULT_PASSWORDS.has(password.toLowerCase()) || password === user || PLACEHOLDER_PASSWORD.test(password);
}

function credentialsOf(raw: string): { user: string; password: string; url: URL } | undefined {
  try {
    const url = new URL(raw);
    return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), url };
  } catch {
    return undefined; // an unparsable URL is the configuration schema's to refuse
  }
}

/** Why this environment must not run in production; empty when it may. */
export function productionRefusals(environment: Record<string, string | undefined>): string[] {
  const refusals: string[] = [];
  const database = environment.DATABASE_URL ? credentialsOf(environment.DATABASE_URL) : undefined;
  if (database) {
    if (isDefaultPassword(database.user, database.password)) {
      refusals.push('DATABASE_URL carries no password or a default one (empty, the role name, postgres, change-me…): set a generated secret');
    }
    const sslMode = database.url.searchParams.get('sslmode');
    if (!sslMode || !ENCRYPTING_SSL_MODES.has(sslMode)) {
      refusals.push('DATABASE_URL must encrypt the connection to PostgreSQL: add sslmode=verify-full (or verify-ca, require)');
    }
  }
  const smtp = environment.SMTP_URL ? credentialsOf(environment.SMTP_URL) : undefined;
  if (smtp && (smtp.user || smtp.password) && isDefaultPassword(smtp.user, smtp.password)) {
    refusals.push('SMTP_URL carries a default password: set the relay credentials from a secret');
  }
  if (environment.CLOCK_CONTROL === 'enabled') {
    refusals.push('CLOCK_CONTROL=enabled lets any caller move business time (tests and demos only): unset it');
  }
  for (const [variable, value] of Object.entries(environment)) {
    if (LOCAL_ISSUER_VARIABLE.test(variable) && !OFF_VALUES.has((value ?? '').toLowerCase())) {
      refusals.push(`${variable} enables the local token issuer, a development tool: unset it`);
    }
  }
  return refusals;
}

/**
 * In production (NODE_ENV=production), ends the process with one line per refusal and exit code
 * 78, like an invalid variable; elsewhere does nothing.
 */
export function refuseUnsafeProductionOrExit(serviceName: string, environment: Record<string, string | undefined>): void {
  if (environment.NODE_ENV !== 'production') return;
  const refusals = productionRefusals(environment);
  if (refusals.length === 0) return;
  for (const refusal of refusals) process.stderr.write(`${serviceName}: refusing to start in production: ${refusal}\n`);
  process.exit(78); // EX_CONFIG, as for an invalid variable
}
