import pino from 'pino';

/**
 * Fields whose values never reach a log line, at any of the first four levels of a log record
 * (`email`, `data.email`, `event.data.client_ap_email`, `err.driverError.parameters` …): personal
 * data (emails, names), credentials (tokens, secrets, passwords, authorization and cookie headers,
 * connection URLs) and SQL parameters (TypeORM's QueryFailedError carries the statement's values in
 * `parameters`). pino's own redaction (fast-redact) does it, compiled once per logger.
 */
export const REDACTED_KEYS = [
  'email',
  'ap_contact_email',
  'approver_email',
  'client_ap_email',
  'client_approver_email',
  'recipient',
  'recipients',
  'to',
  'name',
  'client_name',
  'password',
  'secret',
  'token',
  'sign_in_token',
  'access_token',
  'refresh_token',
  'id_token',
  'account_token',
  'api_key',
  'authorization',
  'cookie',
  'set-cookie',
  'parameters',
  'DATABASE_URL',
  'SMTP_URL',
] as const;

export const REDACTED = '[redacted]';
const DEPTH = 4;

/** fast-redact paths: each key at the top level and under up to three levels of any names. */
export function redactionPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  return keys.flatMap((key) => {
    const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    return Array.from({ length: DEPTH }, (_, depth) => `${'*.'.repeat(depth)}${leaf}`.replace('.[', '['));
  });
}

// An address anywhere in free text (an SMTP refusal, a PostgreSQL detail); a value shown by
// PostgreSQL in a constraint message, `Key (name)=(Acme Corp)`.
const EMAIL_IN_TEXT = /[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[A-Za-z]{2,}/g;
const SQL_VALUE_IN_TEXT = /\)=\((.*?)\)( already exists| is not present| conflicts)/g;

/** Free text with the email addresses and SQL key values in it replaced. */
export function scrubText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, '[email]').replace(SQL_VALUE_IN_TEXT, `)=(${REDACTED})$2`);
}

/**
 * pino's error serializer, then what it copied that may hold personal data or SQL values:
 * `parameters` (also the driver error's) dropped by the redaction paths, and the free text of the
 * message, stack and PostgreSQL `detail` scrubbed.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const field of ['message', 'stack', 'detail', 'query']) {
    if (typeof serialized[field] === 'string' && field !== 'query') serialized[field] = scrubText(serialized[field] as string);
  }
  const driverError = serialized.driverError as Record<string, unknown> | undefined;
  if (driverError && typeof driverError === 'object') {
    serialized.driverError = Object.fromEntries(
      Object.entries(driverError)
        .filter(([field]) => !['parameters', 'where', 'internalQuery'].includes(field))
        .map(([field, value]) => [field, typeof value === 'string' ? scrubText(value) : value]),
    );
  }
  return serialized;
}

/** The top-level strings of a record (an `error` given as text, a `detail`) scrubbed too. */
export function scrubRecord(record: Record<string, unknown>): Record<string, unknown> {
  let scrubbed: Record<string, unknown> | undefined;
  for (const [field, value] of Object.entries(record)) {
    if (typeof value !== 'string') continue;
    const clean = scrubText(value);
    if (clean !== value) (scrubbed ??= { ...record })[field] = clean;
  }
  return scrubbed ?? record;
}
