import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { AccessGuard } from './access.guard';
import { AccessPolicy, AccessPolicyFrom, allowedRolesOf, ANYONE, isOpenToAnyone, OPEN_EXTENSION, rememberedCaller, ROLES_EXTENSION } from './access-policy';
import type { AccessTokenVerifier } from './access-token-verifier';
import { AuthenticationRequired } from './auth-errors';
import { NoApiKeyAuthenticator } from './api-keys';
import type { Caller } from './caller';

@AccessPolicy<SignInController>({ requestLink: ANYONE, endSession: ['client'], forgotten: [] })
class SignInController {
  requestLink(): string {
    return 'accepted';
  }

  endSession(): string {
    return 'ended';
  }

  // given no roles: closed to all
  forgotten(): string {
    return 'never';
  }
}

/** A verifier that knows one token: `Bearer client-token`, a client of cli_01A. */
const verifier = {
  verify: async (authorization: string | undefined): Promise<Caller> => {
    if (authorization === 'Bearer client-token') return { subject: 'ap@acme.example', roles: ['client'], clientId: 'cli_01A' };
    throw new AuthenticationRequired(authorization === undefined ? 'auth.token_missing' : 'auth.token_invalid', 'no');
  },
} as unknown as AccessTokenVerifier;

function httpCall(handler: keyof SignInController, authorization?: string): { context: ExecutionContext; request: object } {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  const context = {
    getClass: () => SignInController,
    getHandler: () => SignInController.prototype[handler],
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { context, request };
}

describe('AccessPolicy with ANYONE', () => {
  const guard = new AccessGuard(verifier, new NoApiKeyAuthenticator());

  it('lets anyone call an operation declared ANYONE, without looking at a credential or remembering a caller', async () => {
    for (const authorization of [undefined, 'Bearer client-token', 'Bearer forged']) {
      const { context, request } = httpCall('requestLink', authorization);
      await expect(guard.canActivate(context)).resolves.toBe(true);
      expect(rememberedCaller(request)).toBeUndefined();
    }
  });

  it('keeps deny by default: an operation given no roles is closed, and a role-listed one needs a token', async () => {
    await expect(guard.canActivate(httpCall('forgotten', 'Bearer client-token').context)).rejects.toMatchObject({ status: 403, code: 'auth.role_not_allowed' });
    await expect(guard.canActivate(httpCall('endSession').context)).rejects.toMatchObject({ status: 401, code: 'auth.token_missing' });
    await expect(guard.canActivate(httpCall('endSession', 'Bearer client-token').context)).resolves.toBe(true);
  });

  it('tells an open operation from a role-listed one, one given no roles and a name the policy does not hold', () => {
    expect([isOpenToAnyone(SignInController, 'requestLink'), allowedRolesOf(SignInController, 'requestLink')]).toEqual([true, undefined]);
    expect([isOpenToAnyone(SignInController, 'endSession'), allowedRolesOf(SignInController, 'endSession')]).toEqual([false, ['client']]);
    expect([isOpenToAnyone(SignInController, 'forgotten'), allowedRolesOf(SignInController, 'forgotten')]).toEqual([false, []]);
    expect([isOpenToAnyone(SignInController, 'unnamed'), allowedRolesOf(SignInController, 'unnamed')]).toEqual([false, undefined]);
    expect(isOpenToAnyone(SignInController, 'constructor')).toBe(false);
  });

  it('documents an open operation as x-mb-open, with no roles, and a role-listed one with its roles', () => {
    expect(Reflect.getMetadata(DECORATORS.API_EXTENSION, SignInController.prototype.requestLink)).toEqual({ [OPEN_EXTENSION]: true });
    expect(Reflect.getMetadata(DECORATORS.API_RESPONSE, SignInController.prototype.requestLink)).toBeUndefined();
    expect(Reflect.getMetadata(DECORATORS.API_EXTENSION, SignInController.prototype.endSession)).toEqual({ [ROLES_EXTENSION]: ['client'] });
  });

  it('refuses a policy entry that is neither roles nor ANYONE', () => {
    class Loose {
      open(): string {
        return 'open';
      }
    }
    expect(() => AccessPolicy<Loose>({ open: 'everyone' as unknown as typeof ANYONE })(Loose)).toThrow(/neither roles nor ANYONE/);
  });

  it('lets no gRPC method take its access from an open operation (no caller to pass on)', () => {
    class Rest {
      requestLink(): string {
        return 'accepted';
      }
    }
    AccessPolicy<Rest>({ requestLink: ANYONE })(Rest);
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { operationId: 'requestLink' }, Rest.prototype.requestLink);
    class Grpc {
      RequestLink(): string {
        return 'accepted';
      }
    }
    expect(() => AccessPolicyFrom<Grpc>([Rest], { RequestLink: 'requestLink' })(Grpc)).toThrow(/open to anyone/);
  });
});
