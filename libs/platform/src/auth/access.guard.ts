import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional, type Type } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { FastifyRequest } from 'fastify';
import { allowedRolesOf, isOpenToAnyone, rememberCaller } from './access-policy';
import { AccessDenied } from './auth-errors';
import { AccessTokenVerifier } from './access-token-verifier';
import { ApiKeyAuthenticator, looksLikeApiKey } from './api-keys';
import { isSignatureAuthenticated } from './signature-authenticated';
import type { Caller } from './caller';

/** The gRPC metadata key carrying the token, as HTTP's header: `authorization: Bearer <token>`. */
export const AUTHORIZATION_METADATA = 'authorization';

/** Controllers anyone may call without a token (health and metrics, for the orchestrator and Prometheus). */
export const PUBLIC_CONTROLLERS = Symbol('PUBLIC_CONTROLLERS');

/**
 * Authenticates every call (HTTP `Authorization` header, gRPC `authorization` metadata: an access
 * token, or an API key `mbk_…`, which gives the same Caller) and lets it
 * through only with a role its controller's @AccessPolicy allows for that operation. Deny by
 * default: an operation its controller's policy does not name, or a controller with no policy,
 * is closed to every role; only an operation its policy declares ANYONE is let through without a
 * credential (none is looked at, and no caller is remembered for it). Global on the HTTP application; on each gRPC controller through
 * @GrpcController; controllers marked @SignatureAuthenticated are let through to verify their
 * signature themselves. Runs before pipes and interceptors, so an unauthenticated request is a 401
 * whatever its body, and nothing (not even an Idempotency-Key) is recorded for a refused one.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly apiKeys: ApiKeyAuthenticator,
    @Optional() @Inject(PUBLIC_CONTROLLERS) private readonly publicControllers: readonly Type[] = [],
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.publicControllers.includes(context.getClass())) return true;
    // Inbound webhooks carry no token: their controller verifies the body's signature instead.
    if (isSignatureAuthenticated(context.getClass())) return true;
    // Written out per operation (ANYONE): the steps before anyone holds a credential, such as asking for a sign-in link.
    if (isOpenToAnyone(context.getClass(), context.getHandler().name)) return true;
    const overGrpc = context.getType() === 'rpc';
    const carrier: object = overGrpc ? context.switchToRpc().getContext<Metadata>() : context.switchToHttp().getRequest<FastifyRequest>();
    const authorization = overGrpc ? (carrier as Metadata).get(AUTHORIZATION_METADATA).map(String)[0] : (carrier as FastifyRequest).headers.authorization;
    const caller = await this.authenticate(authorization);
    const allowed = allowedRolesOf(context.getClass(), context.getHandler().name) ?? [];
    if (!caller.roles.some((role) => allowed.includes(role))) {
      throw new AccessDenied(`the roles ${caller.roles.length ? caller.roles.join(', ') : '(none)'} may not call this operation`);
    }
    rememberCaller(carrier, caller);
    return true;
  }

  private authenticate(authorization: string | undefined): Promise<Caller> {
    const credential = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return credential !== undefined && looksLikeApiKey(credential) ? this.apiKeys.authenticate(credential) : this.verifier.verify(authorization);
  }
}
