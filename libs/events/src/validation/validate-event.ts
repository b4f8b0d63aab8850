import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  isEventName,
  isEventVersion,
  versionsOf,
  type EventEnvelope,
  type EventName,
  type EventVersion,
  type AnyEventEnvelope,
} from '../catalogue/event-catalogue';
import { jsonSchemaOf } from './event-json-schema';
import { isEmailAddress } from '../fields/email-address';

export type EventValidation<E> = { readonly ok: true; readonly envelope: E } | { readonly ok: false; readonly errors: string[] };

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorOf(name: EventName, version: number): ValidateFunction {
  const key = `${name}@${version}`;
  let validate = validators.get(key);
  if (!validate) {
    // allErrors so that one pass names every broken field; strict so that a typo in a schema
    // keyword fails the catalogue's tests instead of silently validating nothing.
    // `email` is our one rule (fields/email-address.ts), the one the API's DTOs apply too, not
    // ajv-formats' own, which accepted addresses the API refused and the reverse.
    ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: true })).addFormat('email', isEmailAddress);
    validate = ajv.compile(jsonSchemaOf(name, version));
    validators.set(key, validate);
  }
  return validate;
}

function describe(error: ErrorObject): string {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return `${path}/${(error.params as { missingProperty: string }).missingProperty} is required`;
    case 'additionalProperties':
      return `${path}/${(error.params as { additionalProperty: string }).additionalProperty} is not allowed`;
    case 'const':
      return `${path || '/'} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'enum':
      return `${path || '/'} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues
        .map((value) => JSON.stringify(value))
        .join(', ')}`;
    default:
      return `${path || '/'} ${error.message ?? `breaks ${error.keyword}`}`;
  }
}

/**
 * Checks a message value against the schema of event `name` at `version`. An unknown event or
 * version is a result, not an exception: a consumer receives whatever is on the topic and must be
 * able to dead-letter it with a reason.
 */
export function validateEvent<N extends EventName, V extends EventVersion<N>>(
  name: N,
  version: V,
  value: unknown,
): EventValidation<EventEnvelope<N, V>>;
export function validateEvent(name: string, version: number, value: unknown): EventValidation<AnyEventEnvelope>;
export function validateEvent(name: string, version: number, value: unknown): EventValidation<unknown> {
  if (!isEventName(name)) return { ok: false, errors: [`unknown event "${name}"`] };
  if (!isEventVersion(name, version)) {
    return {
      ok: false,
      errors: [`unknown version ${String(version)} of event "${name}" (known: ${versionsOf(name).join(', ')})`],
    };
  }
  const validate = validatorOf(name, version);
  if (validate(value)) return { ok: true, envelope: value };
  return { ok: false, errors: [...new Set((validate.errors ?? []).map(describe))] };
}
