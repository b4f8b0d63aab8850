import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DECORATORS, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../http/problem.response';
import { IDEMPOTENCY_POLICY } from '../http/idempotency-policy';
import type { Caller } from './caller';
import type { Role } from './roles';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers<C> = { [K in keyof C]: C[K] extends (...args: any[]) => any ? K : never }[keyof C];

/**
 * The access of an operation anyone may call, with no credential at all: a step that comes before
 * a person has one (asking for a sign-in link, redeeming it). It has to be written out for each
 * such operation, so an open door is always a decision someone wrote down, never a forgotten entry
 * (an operation not named, or named with no roles, stays closed to all).
 */
export const ANYONE = 'anyone';
export type Anyone = typeof ANYONE;

/** Which roles may call each of a controller's operations (or ANYONE); every public method must be named. */
export type AccessPolicyOf<C> = { readonly [K in Handlers<C>]: readonly Role[] | Anyone };

const ACCESS_POLICY = Symbol('mb:access-policy');

/** The OpenAPI extension listing an operation's roles, for readers and generated clients. */
export const ROLES_EXTENSION = 'x-mb-roles';

/** The OpenAPI extension marking an operation open to anyone (ANYONE), instead of `x-mb-roles`. */
export const OPEN_EXTENSION = 'x-mb-open';

/**
 * Declares, in one place per controller, which roles may call each operation; AccessGuard
 * enforces it (HTTP and gRPC alike): no valid token → 401 / UNAUTHENTICATED; a role outside
 * the list → 403 / PERMISSION_DENIED. The type makes every public method of the controller appear,
 * so a new operation cannot be forgotten; an operation given no roles is closed to all. An
 * operation declared ANYONE is let through without looking at any credential (no caller is
 * known there: its handler must not ask for one); the OpenAPI document says so (`x-mb-open`, no
 * security requirement) and the authorization matrix lists it apart.
 *
 * ```ts
 * @AccessPolicy<PaymentsController>({ record: ['admin', 'finance', 'service'] })
 * ```
 */
export function AccessPolicy<C>(policy: AccessPolicyOf<C>): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(ACCESS_POLICY, policy, target);
    for (const [handlerName, access] of Object.entries(policy) as [string, readonly Role[] | Anyone][]) {
      const handler = (target.prototype as Record<string, unknown>)[handlerName];
      if (typeof handler !== 'function') throw new Error(`@AccessPolicy of ${target.name} names ${handlerName}, which is not one of its methods`);
      if (access === ANYONE) documentOpen(handler);
      else if (Array.isArray(access)) documentAccess(handler, access);
      else throw new Error(`@AccessPolicy of ${target.name} gives ${handlerName} neither roles nor ANYONE`);
    }
  };
}

const OPERATION_IDS = Symbol('mb:operation-ids');

/**
 * One access policy for both edges: a gRPC controller names, for each of its methods, the REST
 * operation (by its OpenAPI operationId) whose use case it serves, and gets that operation's roles
 * from the REST controller's @AccessPolicy, and its Idempotency-Key policy (required where REST
 * requires it, the same fields never stored). The roles are thus declared once, on the REST
 * controller; the authorization matrix test checks every gRPC method through the operation it names.
 *
 * ```ts
 * @AccessPolicyFrom<PaymentsGrpcController>([PaymentsController], { record: 'recordPayment' })
 * ```
 */
export function AccessPolicyFrom<C>(restControllers: readonly (abstract new (...args: never[]) => unknown)[], operations: { readonly [K in Handlers<C>]: string }): ClassDecorator {
  return (target) => {
    const policy: Record<string, readonly Role[]> = {};
    for (const [handlerName, operationId] of Object.entries(operations) as [string, string][]) {
      const handler = (target.prototype as Record<string, unknown>)[handlerName];
      if (typeof handler !== 'function') throw new Error(`@AccessPolicyFrom of ${target.name} names ${handlerName}, which is not one of its methods`);
      const rest = restOperation(restControllers, operationId);
      if (rest === undefined) throw new Error(`@AccessPolicyFrom of ${target.name}: no controller given declares the operation ${operationId}`);
      policy[handlerName] = rest.roles;
      const idempotency: unknown = Reflect.getMetadata(IDEMPOTENCY_POLICY, rest.handler);
      if (idempotency !== undefined) Reflect.defineMetadata(IDEMPOTENCY_POLICY, idempotency, handler);
    }
    Reflect.defineMetadata(ACCESS_POLICY, policy, target);
    Reflect.defineMetadata(OPERATION_IDS, { ...operations }, target);
  };
}

/** The REST operation a gRPC controller's handler serves (its operationId), if it names one. */
export function operationIdOf(controller: object, handlerName: string): string | undefined {
  return (Reflect.getMetadata(OPERATION_IDS, controller) as Record<string, string> | undefined)?.[handlerName];
}

function restOperation(controllers: readonly (abstract new (...args: never[]) => unknown)[], operationId: string): { handler: object; roles: readonly Role[] } | undefined {
  for (const controller of controllers) {
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined;
      if (operation?.operationId !== operationId) continue;
      // An open operation has no caller to pass on: it is served over REST only.
      if (isOpenToAnyone(controller, name)) throw new Error(`${controller.name}.${name} (${operationId}) is open to anyone: no gRPC method may serve it`);
      const roles = allowedRolesOf(controller, name);
      if (roles === undefined) throw new Error(`${controller.name}.${name} (${operationId}) has no @AccessPolicy to share`);
      return { handler, roles };
    }
  }
  return undefined;
}

/**
 * The roles allowed to call a controller's handler; undefined when the controller declares no
 * policy for it (then nobody may), or declares it open to anyone (isOpenToAnyone: no role is asked).
 */
export function allowedRolesOf(controller: object, handlerName: string): readonly Role[] | undefined {
  const access = accessOf(controller, handlerName);
  return access === ANYONE ? undefined : access;
}

/** Whether a controller's handler is declared open to anyone (ANYONE): no credential is asked for. */
export function isOpenToAnyone(controller: object, handlerName: string): boolean {
  return accessOf(controller, handlerName) === ANYONE;
}

function accessOf(controller: object, handlerName: string): readonly Role[] | Anyone | undefined {
  const policy = Reflect.getMetadata(ACCESS_POLICY, controller) as Record<string, readonly Role[] | Anyone> | undefined;
  // Own entries only: a handler named like an Object.prototype member is no declaration.
  return policy !== undefined && Object.hasOwn(policy, handlerName) ? policy[handlerName] : undefined;
}

/** 401 and 403 on every guarded operation, and its roles, in the OpenAPI document. */
function documentAccess(handler: object, roles: readonly Role[]): void {
  const problem = { 'application/problem+json': { schema: { $ref: getSchemaPath(PROBLEM_SCHEMA) } } };
  const responses = { ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as Record<string, unknown> | undefined) };
  responses['401'] = {
    description:
      'No access token, or one that is not valid (signature, issuer, audience, expiry); the answer carries a `WWW-Authenticate: Bearer` challenge. ' +
      'Codes: `auth.token_missing`, `auth.token_invalid`.',
    content: problem,
  };
  responses['403'] = { description: `The token's roles may not call this operation (allowed: ${roles.join(', ') || 'none'}). Codes: \`auth.role_not_allowed\`.`, content: problem };
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, responses, handler);
  const extensions = { ...(Reflect.getMetadata(DECORATORS.API_EXTENSION, handler) as Record<string, unknown> | undefined), [ROLES_EXTENSION]: [...roles] };
  Reflect.defineMetadata(DECORATORS.API_EXTENSION, extensions, handler);
}

/** An open operation in the OpenAPI document: marked `x-mb-open`, with neither roles nor 401/403 (no credential is looked at). */
function documentOpen(handler: object): void {
  const extensions = { ...(Reflect.getMetadata(DECORATORS.API_EXTENSION, handler) as Record<string, unknown> | undefined), [OPEN_EXTENSION]: true };
  Reflect.defineMetadata(DECORATORS.API_EXTENSION, extensions, handler);
}

const callers = new WeakMap<object, Caller>();

/** Kept by AccessGuard on the request (HTTP) or the call's metadata (gRPC) it let through. */
export function rememberCaller(carrier: object, caller: Caller): void {
  callers.set(carrier, caller);
}

/** The caller AccessGuard let through on this request or call, if it did (not on public routes, nor operations open to anyone). */
export function rememberedCaller(carrier: object): Caller | undefined {
  return callers.get(carrier);
}

/** The verified caller of a guarded gRPC call, from its metadata (the handler's second argument). */
export function callerOfCall(metadata: object): Caller {
  const caller = callers.get(metadata);
  if (caller === undefined) throw new Error('callerOfCall used on a call AccessGuard did not let through');
  return caller;
}

/**
 * The verified caller of a guarded operation, as a handler parameter: `@CurrentCaller() caller: Caller`.
 * Over gRPC the carrier is the call's metadata (the handler's second argument).
 */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const carrier = context.getType() === 'rpc' ? context.switchToRpc().getContext<object>() : context.switchToHttp().getRequest<object>();
  const caller = callers.get(carrier);
  // Only a guarded handler asks; a missing caller is a wiring bug, never a client's fault.
  if (caller === undefined) throw new Error('CurrentCaller used on an operation without @AccessPolicy');
  return caller;
});
