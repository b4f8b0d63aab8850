import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { EgressPolicy, type EgressRule } from './egress-address-policy';

/**
 * Resolves a host name to all its addresses. The system resolver in production; tests inject one
 * that answers from a table, so that a name can "rebind" to another address between registration
 * and delivery without DNS.
 */
export type HostResolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemHostResolver: HostResolver = async (hostname) => dnsLookup(hostname, { all: true, order: 'verbatim' });

/** What a host resolves to now: addresses outbound requests may reach, or why not. */
export type HostVerdict =
  | { readonly allowed: true; readonly addresses: readonly LookupAddress[] }
  | { readonly allowed: false; readonly reason: 'destination_refused'; readonly rule: EgressRule }
  | { readonly allowed: false; readonly reason: 'dns_unresolved' };

/** A URL's host as an address or a name: WHATWG URL parsing has already turned `2130706433`, `0x7f.1` or `0177.0.0.1` into `127.0.0.1`. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Checks a host against the policy: an address literal directly; `localhost` and `*.localhost`
 * as loopback without asking DNS (RFC 6761 6.3); any other name by resolving it, refused when any
 * of its addresses is (a name with one public and one private address could be steered to either).
 */
export async function verdictOnHost(hostname: string, resolver: HostResolver, policy: EgressPolicy): Promise<HostVerdict> {
  const family = isIP(hostname);
  if (family !== 0) {
    const rule = policy.refusalOf(hostname);
    return rule ? { allowed: false, reason: 'destination_refused', rule } : { allowed: true, addresses: [{ address: hostname, family }] };
  }
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) {
    const rule = policy.refusalOf('127.0.0.1');
    if (rule) return { allowed: false, reason: 'destination_refused', rule };
  }
  let addresses: readonly LookupAddress[];
  try {
    addresses = await resolver(name);
  } catch {
    return { allowed: false, reason: 'dns_unresolved' };
  }
  if (addresses.length === 0) return { allowed: false, reason: 'dns_unresolved' };
  for (const { address } of addresses) {
    const rule = policy.refusalOf(address);
    if (rule) return { allowed: false, reason: 'destination_refused', rule };
  }
  return { allowed: true, addresses };
}

/** A request refused before any connection because its destination is in a refused range. */
export class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
  readonly code = 'EGRESS_REFUSED';
  constructor(readonly rule: EgressRule) {
    super(`destination refused (${rule})`);
  }
}

class DnsUnresolvedError extends Error {
  override readonly name = 'DnsUnresolvedError';
  readonly code = 'ENOTFOUND';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` net.connect calls for a host name: resolves, checks every address, and hands back
 * only checked ones, so the socket connects to an address that passed the check (no second
 * resolution an attacker's DNS could answer differently: DNS rebinding).
 */
function guardedLookup(resolver: HostResolver, policy: EgressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    verdictOnHost(hostname, resolver, policy).then(
      (verdict) => {
        if (!verdict.allowed) return callback(verdict.reason === 'destination_refused' ? new EgressRefusedError(verdict.rule) : new DnsUnresolvedError('host not resolved'), '');
        const wanted = options.family === 4 || options.family === 6 ? verdict.addresses.filter((entry) => entry.family === options.family) : verdict.addresses;
        if (wanted.length === 0) return callback(new DnsUnresolvedError('host not resolved for the address family'), '');
        if (options.all) return callback(null, [...wanted]);
        callback(null, wanted[0].address, wanted[0].family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}

export interface GuardedPost {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The whole request's limit: connect, send, and the answer's status and first bytes. */
  readonly timeoutMs: number;
  /** The connection's own, shorter limit (a host that drops SYNs fails fast); the whole limit unless told. */
  readonly connectTimeoutMs?: number;
}

/** The receiver's answer: its status and the start of its body, for the attempts log. */
export interface ReceiverAnswer {
  readonly status: number;
  readonly bodyStart: string;
}

const ANSWER_BYTES_READ = 1024;

/**
 * POSTs through node:http(s) with the destination checked at connect time: an address literal
 * before the request, a name inside net.connect's lookup. Redirects are not followed (node:http
 * never does): a 3xx is an answer like any other. The answer's body is read up to 1 KiB.
 */
export async function guardedPost(request: GuardedPost, resolver: HostResolver, policy: EgressPolicy): Promise<ReceiverAnswer> {
  const url = new URL(request.url);
  const host = hostOf(url);
  if (isIP(host) !== 0) {
    const rule = policy.refusalOf(host);
    if (rule) throw new EgressRefusedError(rule);
  }
  const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
  if (!send) throw new EgressRefusedError('reserved');
  const body = Buffer.from(request.body, 'utf8');
  return new Promise<ReceiverAnswer>((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(body.length) },
        lookup: guardedLookup(resolver, policy),
        // A fresh connection each time: a pooled socket would skip the connect-time check.
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let read = 0;
        const settle = () => resolve({ status: response.statusCode ?? 0, bodyStart: Buffer.concat(chunks).subarray(0, ANSWER_BYTES_READ).toString('utf8') });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          read += chunk.length;
          if (read >= ANSWER_BYTES_READ) {
            response.destroy();
            settle();
          }
        });
        response.on('end', settle);
        response.on('error', settle);
      },
    );
    if (request.connectTimeoutMs !== undefined && request.connectTimeoutMs < request.timeoutMs) {
      const connectTimeoutMs = request.connectTimeoutMs;
      outgoing.once('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => outgoing.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), connectTimeoutMs);
        const settle = () => clearTimeout(timer);
        socket.once('connect', settle);
        socket.once('close', settle);
      });
    }
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Neutral names for why a request failed, so that what the attempts log keeps says what happened
 * without our side of the network (no "connect ECONNREFUSED 10.0.0.5:5432").
 */
export const EGRESS_FAILURE_REASONS = [
  'destination_refused',
  'dns_unresolved',
  'connection_refused',
  'connection_reset',
  'network_unreachable',
  'timeout',
  'tls_error',
  'request_failed',
] as const;
export type EgressFailureReason = (typeof EGRESS_FAILURE_REASONS)[number];

export function egressFailureReasonOf(error: unknown): EgressFailureReason {
  if (error instanceof EgressRefusedError) return 'destination_refused';
  // Happy Eyeballs (net's autoSelectFamily) reports one failure per address tried.
  if (error instanceof AggregateError && error.errors.length > 0) return egressFailureReasonOf(error.errors[0]);
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  const errorCode = typeof code === 'string' ? code : '';
  if (name === 'TimeoutError' || name === 'AbortError' || errorCode === 'ETIMEDOUT' || errorCode === 'ABORT_ERR') return 'timeout';
  if (errorCode === 'ENOTFOUND' || errorCode === 'EAI_AGAIN' || errorCode === 'ENODATA') return 'dns_unresolved';
  if (errorCode === 'ECONNREFUSED') return 'connection_refused';
  if (errorCode === 'ECONNRESET' || errorCode === 'EPIPE' || errorCode === 'ECONNABORTED') return 'connection_reset';
  if (errorCode === 'ENETUNREACH' || errorCode === 'EHOSTUNREACH') return 'network_unreachable';
  if (errorCode.startsWith('ERR_TLS') || errorCode.startsWith('ERR_SSL') || errorCode.includes('CERT') || errorCode === 'EPROTO' || errorCode === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') return 'tls_error';
  return 'request_failed';
}
