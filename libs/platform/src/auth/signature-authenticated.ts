import { DECORATORS } from '@nestjs/swagger';

const SIGNATURE_AUTHENTICATED = Symbol('mb:signature-authenticated');

/** The OpenAPI extension naming how a signature-authenticated operation is verified, instead of `x-mb-roles`. */
export const SIGNATURE_EXTENSION = 'x-mb-signature';

/**
 * A controller whose every operation is called by another system that proves itself by signing the
 * request body with a shared secret (an inbound webhook), not by a bearer token: AccessGuard lets
 * its requests through and the controller verifies the signature itself, answering 401 when it is
 * missing or wrong. Roles mean nothing there, so the controller has no @AccessPolicy. The OpenAPI
 * document marks each operation as needing no bearer token (`security: []`) and names how it is
 * signed (`x-mb-signature`); the authorization matrix lists these operations apart.
 *
 * ```ts
 * @SignatureAuthenticated('X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body, hex>')
 * ```
 */
export function SignatureAuthenticated(howSigned: string): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(SIGNATURE_AUTHENTICATED, howSigned, target);
    for (const name of Object.getOwnPropertyNames(target.prototype)) {
      const handler = (target.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const extensions = { ...(Reflect.getMetadata(DECORATORS.API_EXTENSION, handler) as Record<string, unknown> | undefined), [SIGNATURE_EXTENSION]: howSigned };
      Reflect.defineMetadata(DECORATORS.API_EXTENSION, extensions, handler);
    }
  };
}

/** Whether a controller's requests are authenticated by their signature (AccessGuard lets them through). */
export function isSignatureAuthenticated(controller: object): boolean {
  return Reflect.getMetadata(SIGNATURE_AUTHENTICATED, controller) !== undefined;
}
