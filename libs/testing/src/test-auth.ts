import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer, type LocalTokenRequest } from '@mb/devstack';
import type { Role } from '@mb/platform';

/** Who a test calls as: a role, and for `client` the client it is confined to. */
export type TestCaller = Role | { readonly role: Role; readonly clientId?: string; readonly expiresInSeconds?: number };

let issuer: Promise<LocalIssuer> | undefined;
const tokens = new Map<string, Promise<string>>();

/**
 * The tests' token issuer: the local issuer of tools/auth/issue-token.ts (the same code mints
 * both), with a key pair of this test process's own in a temporary directory, removed at exit.
 */
export function testIssuer(): Promise<LocalIssuer> {
  if (issuer === undefined) {
    const directory = mkdtempSync(join(tmpdir(), 'mb-test-issuer-'));
    process.once('exit', () => rmSync(directory, { recursive: true, force: true }));
    issuer = LocalIssuer.openOrCreate(directory);
  }
  return issuer;
}

/** The variables that make a service under test trust the test issuer; spread them into its environment. */
export async function testAuthEnvironment(): Promise<Record<'AUTH_ISSUER' | 'AUTH_JWKS_URL' | 'AUTH_AUDIENCE', string>> {
  return (await testIssuer()).serviceEnvironment();
}

/** A signed access token for the caller (cached per caller: tokens live an hour). */
export function testToken(caller: TestCaller): Promise<string> {
  const request: LocalTokenRequest = typeof caller === 'string' ? { role: caller } : caller;
  const key = JSON.stringify(request);
  if (request.expiresInSeconds !== undefined) return testIssuer().then((local) => local.issue(request));
  if (!tokens.has(key)) tokens.set(key, testIssuer().then((local) => local.issue(request)));
  return tokens.get(key) as Promise<string>;
}

/** `{ authorization: 'Bearer …' }` for the caller. */
export async function authorizationAs(caller: TestCaller): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await testToken(caller)}` };
}

interface InjectOptions {
  readonly headers?: Record<string, string | string[] | undefined>;
  readonly [option: string]: unknown;
}

/**
 * Fastify's inject (an in-process service's `app.inject`) with the caller's bearer token, unless
 * the options carry an Authorization header of their own.
 */
export async function injectAs<R>(app: { inject(options: never): PromiseLike<R> }, caller: TestCaller, options: InjectOptions): Promise<R> {
  const headers = { ...(await authorizationAs(caller)), ...options.headers };
  return app.inject({ ...options, headers } as never);
}
