/**
 * A service's configuration, declared as data so that it can be validated at start-up and
 * inspected by tests (the docker-compose test checks every service's environment against it).
 * Pure TypeScript: no framework.
 */
export interface ConfigVariable<T> {
  readonly description: string;
  /** Used when the variable is absent; a variable without a default is required. */
  readonly defaultValue?: string;
  /** Absent means undefined rather than an error (a variable only some deployments set). */
  readonly optional?: boolean;
  /**
   * Turns the raw string into a value or throws a ConfigRuleError naming the rule broken. The whole
   * environment is there for rules that depend on where the service runs (NODE_ENV=production
   * refuses local-development settings).
   */
  parse(raw: string, environment: Readonly<Record<string, string | undefined>>): T;
}

export type ConfigSchema = Record<string, ConfigVariable<unknown>>;

export type ConfigOf<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends ConfigVariable<infer T> ? T : never;
};

export class ConfigRuleError extends Error {}

export class InvalidConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly rule: string,
  ) {
    super(`${variable} ${rule}`);
    this.name = 'InvalidConfigError';
  }
}

export function readConfig<S extends ConfigSchema>(
  schema: S,
  environment: Record<string, string | undefined>,
): ConfigOf<S> {
  const values: Record<string, unknown> = {};
  for (const [variable, declaration] of Object.entries(schema)) {
    const raw = environment[variable] ?? declaration.defaultValue;
    if ((raw === undefined || raw === '') && declaration.optional) {
      values[variable] = undefined;
      continue;
    }
    if (raw === undefined || raw === '') {
      throw new InvalidConfigError(variable, `is required (${declaration.description})`);
    }
    try {
      values[variable] = declaration.parse(raw, environment);
    } catch (error) {
      if (error instanceof ConfigRuleError) throw new InvalidConfigError(variable, error.message);
      throw error;
    }
  }
  return values as ConfigOf<S>;
}
