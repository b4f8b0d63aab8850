import { type AddressBlock, EgressPolicy, InvalidAddressBlockError, parseAddressBlock } from '../egress/egress-address-policy';
import { KeyringError, SecretKeyring } from '../secrets/secret-keyring';
import { ConfigRuleError, type ConfigVariable } from './config-schema';

type Environment = Readonly<Record<string, string | undefined>>;

const inProduction = (environment: Environment) => environment.NODE_ENV === 'production';

/** `refused` (the default) or `local-development`, which NODE_ENV=production refuses. */
export function localDevelopmentOnly(description: string): ConfigVariable<'refused' | 'local-development'> {
  return {
    description: `${description} (refused by default; local-development is refused when NODE_ENV=production)`,
    defaultValue: 'refused',
    parse(raw, environment) {
      if (raw !== 'refused' && raw !== 'local-development') throw new ConfigRuleError(`must be one of refused, local-development (got "${raw}")`);
      if (raw === 'local-development' && inProduction(environment)) throw new ConfigRuleError('must be refused when NODE_ENV=production');
      return raw;
    },
  };
}

/**
 * `none` (the default), or comma-separated addresses and CIDR blocks that outbound requests may
 * reach although the egress policy refuses their range. NODE_ENV=production refuses entries that
 * would open loopback, the unspecified addresses or the cloud metadata endpoints.
 */
export function egressAllowList(description: string): ConfigVariable<readonly AddressBlock[]> {
  return {
    description: `${description} (none by default; production refuses loopback, unspecified and metadata entries)`,
    defaultValue: 'none',
    parse(raw, environment) {
      if (raw === 'none') return [];
      let blocks: AddressBlock[];
      try {
        blocks = raw.split(',').map(parseAddressBlock);
      } catch (error) {
        if (error instanceof InvalidAddressBlockError) throw new ConfigRuleError(`must be none or addresses/CIDR blocks: ${error.message}`);
        throw error;
      }
      if (inProduction(environment)) {
        for (const block of blocks) {
          const rule = EgressPolicy.ruleCovering(block, ['loopback', 'unspecified', 'metadata']);
          if (rule) throw new ConfigRuleError(`must not open ${block.network}/${block.prefix} (${rule}) when NODE_ENV=production`);
        }
      }
      return blocks;
    },
  };
}

/**
 * A keyring `id:base64key[,id:base64key…]` (SecretKeyring), the first key current. The default is
 * a key known to everyone, for the local stack, whose id NODE_ENV=production refuses.
 */
export function secretKeyring(description: string, localDevelopmentDefault: { keyId: string; key: string }): ConfigVariable<SecretKeyring> {
  return {
    description: `${description}: id:base64key[,id:base64key…], 32 random bytes each (openssl rand -base64 32); the first encrypts, all decrypt (rotation). The default, key ${localDevelopmentDefault.keyId}, is for local development and refused when NODE_ENV=production`,
    defaultValue: `${localDevelopmentDefault.keyId}:${localDevelopmentDefault.key}`,
    parse(raw, environment) {
      let keyring: SecretKeyring;
      try {
        keyring = SecretKeyring.parse(raw);
      } catch (error) {
        if (error instanceof KeyringError) throw new ConfigRuleError(`must be id:base64key[,id:base64key…]: ${error.message}`);
        throw error;
      }
      if (inProduction(environment) && keyring.keyIds.includes(localDevelopmentDefault.keyId)) {
        throw new ConfigRuleError(`must not hold the ${localDevelopmentDefault.keyId} key when NODE_ENV=production`);
      }
      return keyring;
    },
  };
}
