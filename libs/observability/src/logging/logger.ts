import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/** One JSON line per log record, on stdout, tagged with the service that wrote it. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
