import { ConfigOf, ConfigSchema, InvalidConfigError, readConfig } from './config-schema';

/**
 * Reads the configuration at start-up. A missing or invalid variable ends the process with one
 * line naming it and a non-zero exit, before anything else starts.
 */
export function loadConfigOrExit<S extends ConfigSchema>(
  serviceName: string,
  schema: S,
  environment: Record<string, string | undefined> = process.env,
): ConfigOf<S> {
  try {
    return readConfig(schema, environment);
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      process.stderr.write(`${serviceName}: invalid configuration: ${error.message}\n`);
      process.exit(78); // EX_CONFIG from sysexits.h
    }
    throw error;
  }
}
