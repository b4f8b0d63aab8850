import { BlockList, isIP } from 'node:net';

/**
 * Why an address may not be reached by a request a customer can aim (a webhook URL): the server
 * would otherwise be a proxy into its own network (SSRF). Each rule names a range of RFC 6890's
 * special-purpose registries; metadata comes first so that the cloud metadata endpoints are named
 * as such rather than as the link-local or unique-local range that holds them.
 */
export const EGRESS_RULES = ['metadata', 'unspecified', 'loopback', 'private', 'link_local', 'cgnat', 'multicast', 'reserved'] as const;
export type EgressRule = (typeof EGRESS_RULES)[number];

const REFUSED_RANGES: Readonly<Record<EgressRule, readonly string[]>> = {
  // AWS, GCP, Azure, OpenStack (IPv4) and AWS's IPv6 instance metadata service.
  metadata: ['169.254.169.254/32', 'fd00:ec2::254/128'],
  unspecified: ['0.0.0.0/8', '::/128'],
  loopback: ['127.0.0.0/8', '::1/128'],
  // RFC 1918 and RFC 4193 unique local addresses.
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  link_local: ['169.254.0.0/16', 'fe80::/10'],
  // RFC 6598 shared address space (carrier-grade NAT), often a provider's internal network.
  cgnat: ['100.64.0.0/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  // IETF protocol assignments, benchmarking, the future-use block and broadcast; and the IPv6
  // forms that carry an IPv4 address a gateway would reach for us (IPv4-compatible, NAT64, 6to4,
  // Teredo), refused whole because the address inside may be any of the ranges above.
  reserved: ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '::/96', '64:ff9b::/96', '64:ff9b:1::/48', '2002::/16', '2001::/32'],
};

/** A CIDR block such as `10.0.0.0/8` or `fd00::/8`, or a single address (a /32 or /128). */
export interface AddressBlock {
  readonly network: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

export class InvalidAddressBlockError extends Error {
  override readonly name = 'InvalidAddressBlockError';
}

export function parseAddressBlock(text: string): AddressBlock {
  const [network, prefixText, ...rest] = text.trim().split('/');
  const version = isIP(network ?? '');
  if (version === 0 || rest.length > 0) throw new InvalidAddressBlockError(`"${text}" is not an address or CIDR block`);
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const widest = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { network, prefix: widest, family };
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= widest)) throw new InvalidAddressBlockError(`"${text}" has a prefix outside 0 to ${widest}`);
  return { network, prefix, family };
}

function blockListOf(blocks: readonly AddressBlock[]): BlockList {
  const list = new BlockList();
  for (const block of blocks) list.addSubnet(block.network, block.prefix, block.family);
  return list;
}

/** Whether an IP address is inside the block list; IPv4-mapped IPv6 addresses match IPv4 blocks (node:net). */
function contains(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Which addresses outbound requests may reach: any public unicast address, and addresses in the
 * refused ranges only when an explicit allow-list (configuration) names them, as the tests do for
 * their receivers on 127.0.0.1. node:net's BlockList does the matching.
 */
export class EgressPolicy {
  private readonly refused: readonly { rule: EgressRule; list: BlockList }[];
  private readonly allowed: BlockList;

  constructor(allowed: readonly AddressBlock[] = []) {
    this.refused = EGRESS_RULES.map((rule) => ({ rule, list: blockListOf(REFUSED_RANGES[rule].map(parseAddressBlock)) }));
    this.allowed = blockListOf(allowed);
  }

  /** The rule that refuses the IP address, or null when it may be reached. */
  refusalOf(address: string): EgressRule | null {
    if (isIP(address) === 0) throw new InvalidAddressBlockError(`"${address}" is not an IP address`);
    if (contains(this.allowed, address)) return null;
    return this.refused.find(({ list }) => contains(list, address))?.rule ?? null;
  }

  /** The rule whose range overlaps the block, or null: refuses an allow-list entry that would open a range production must keep closed. */
  static ruleCovering(block: AddressBlock, rules: readonly EgressRule[]): EgressRule | null {
    for (const rule of rules) {
      for (const range of REFUSED_RANGES[rule].map(parseAddressBlock)) {
        if (range.family !== block.family) continue;
        // Two blocks overlap when one holds the other's network address.
        if (contains(blockListOf([range]), block.network) || contains(blockListOf([block]), range.network)) return rule;
      }
    }
    return null;
  }
}
