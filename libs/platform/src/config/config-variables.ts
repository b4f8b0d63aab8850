import { ConfigRuleError, ConfigVariable } from './config-schema';

export function port(description: string, defaultValue?: number): ConfigVariable<number> {
  return {
    description,
    defaultValue: defaultValue === undefined ? undefined : String(defaultValue),
    parse(raw) {
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
        throw new ConfigRuleError(`must be a port number from 1 to 65535 (got "${raw}")`);
      }
      return value;
    },
  };
}

export function positiveInteger(description: string, defaultValue?: number): ConfigVariable<number> {
  return {
    description,
    defaultValue: defaultValue === undefined ? undefined : String(defaultValue),
    parse(raw) {
      if (!/^[1-9]\d*$/.test(raw)) throw new ConfigRuleError(`must be a positive integer (got "${raw}")`);
      return Number(raw);
    },
  };
}

export function nonNegativeInteger(description: string, defaultValue?: number): ConfigVariable<number> {
  return {
    description,
    defaultValue: defaultValue === undefined ? undefined : String(defaultValue),
    parse(raw) {
      if (!/^(0|[1-9]\d*)$/.test(raw)) throw new ConfigRuleError(`must be a whole number, 0 or more (got "${raw}")`);
      return Number(raw);
    },
  };
}

export function text(description: string, defaultValue?: string): ConfigVariable<string> {
  return { description, defaultValue, parse: (raw) => raw };
}

export function oneOf<T extends string>(
  description: string,
  allowed: readonly T[],
  defaultValue?: T,
): ConfigVariable<T> {
  return {
    description,
    defaultValue,
    parse(raw) {
      if (!(allowed as readonly string[]).includes(raw)) {
        throw new ConfigRuleError(`must be one of ${allowed.join(', ')} (got "${raw}")`);
      }
      return raw as T;
    },
  };
}

/** A postgres:// URL; the password never appears in an error message. */
export function postgresUrl(description: string, defaultValue?: string): ConfigVariable<string> {
  return {
    description,
    defaultValue,
    parse(raw) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new ConfigRuleError('must be a URL like postgres://user:password@host:5432/database');
      }
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        throw new ConfigRuleError(`must use the postgres:// scheme (got "${url.protocol}")`);
      }
      if (!url.hostname || url.pathname.length < 2 || !url.username) {
        throw new ConfigRuleError('must name a user, a host and a database: postgres://user@host:5432/database');
      }
      return raw;
    },
  };
}

/** A postgres:// URL that only some deployments set; absent, the value is undefined. */
export function optionalPostgresUrl(description: string): ConfigVariable<string | undefined> {
  return { ...postgresUrl(description), optional: true };
}

/** A comma-separated list of host:port Kafka bootstrap brokers. */
export function brokerList(description: string, defaultValue?: string): ConfigVariable<string[]> {
  return {
    description,
    defaultValue,
    parse(raw) {
      const brokers = raw.split(',').map((broker) => broker.trim());
      const malformed = brokers.find((broker) => !/^[A-Za-z0-9._-]+:\d{1,5}$/.test(broker));
      if (malformed !== undefined) {
        throw new ConfigRuleError(`must be a comma-separated list of host:port (got "${malformed}")`);
      }
      return brokers;
    },
  };
}

/** A whole number from `minimum` to `maximum`, both included (a time in seconds with bounds that keep it sane). */
export function integerBetween(description: string, minimum: number, maximum: number, defaultValue?: number): ConfigVariable<number> {
  return {
    description,
    defaultValue: defaultValue === undefined ? undefined : String(defaultValue),
    parse(raw) {
      if (!/^(0|[1-9]\d*)$/.test(raw) || Number(raw) < minimum || Number(raw) > maximum) throw new ConfigRuleError(`must be a whole number from ${minimum} to ${maximum} (got "${raw}")`);
      return Number(raw);
    },
  };
}

/** What an http(s) URL setting may demand beyond being one without credentials. */
export interface HttpUrlRules {
  /** https:// only, plain http:// only on a loopback host; the reason is said in the refusal. */
  readonly httpsUnlessLoopback?: { readonly because: string };
  /** No query or fragment: a base that paths are added to. */
  readonly bare?: boolean;
}

/** 127.0.0.1, localhost or [::1]: a host on this machine, where plain http:// crosses no network. */
export function isLoopbackHost(hostname: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/**
 * Parses an http:// or https:// URL carrying no user or password (it would be logged and mailed
 * with the URL), or throws a ConfigRuleError naming the rule broken.
 */
export function httpUrlOf(raw: string, rules: HttpUrlRules = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigRuleError(`must be an http:// or https:// URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigRuleError(`must be an http:// or https:// URL (got "${url.protocol}")`);
  if (rules.httpsUnlessLoopback && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigRuleError(`must be https:// ${rules.httpsUnlessLoopback.because} (http:// only on a loopback host)`);
  }
  if (url.username !== '' || url.password !== '') throw new ConfigRuleError('must carry no credentials');
  if (rules.bare && (url.search !== '' || url.hash !== '')) throw new ConfigRuleError('must have no query or fragment: it is a base that paths are added to');
  return url;
}
