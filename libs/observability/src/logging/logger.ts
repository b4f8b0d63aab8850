import pino, { Logger } from 'pino';
import { REDACTED, redactionPaths, scrubRecord, scrubText, serializeError } from './redaction';

export type { Logger } from 'pino';

/**
 * One JSON line per log record, on stdout (or the destination given, for tests), tagged with the
 * service that wrote it, with personal data, credentials and SQL parameters redacted
 * (redaction.ts; docs/security.md "Logs and production defaults").
 */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: scrubRecord },
    redact: { paths: redactionPaths(), censor: REDACTED },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // The message text too: "delivery to ap@client.example refused" logs as "[email]".
      logMethod(parameters, method) {
        const scrubbed = parameters.map((parameter) => (typeof parameter === 'string' ? scrubText(parameter) : parameter));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
