import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Matches, ValidateBy } from 'class-validator';
import { EMAIL_ADDRESS_RULE, isEmailAddress, prefixedIdPattern, prefixedIdRule } from '@mb/events';
import { RequestRejection } from './problem-details.filter';

/**
 * An id in a request, as in the events: the kind's prefix, `_`, then an opaque string
 * (`prefixedIdPattern` in libs/events). Only the prefix is checked, so a well-formed id that names
 * nothing reaches the use case and is answered there (404, or 422 for a body field), not refused
 * as malformed. `kind` completes the message: "client_id must be a client id (cli_ followed by ...)".
 */
export function IsPrefixedId(prefix: string, kind: string): PropertyDecorator {
  return Matches(new RegExp(prefixedIdPattern(prefix)), { message: `$property must be ${kind} (${prefixedIdRule(prefix)})` });
}

/** The class-validator name of IsEmailAddress, which the OpenAPI generator maps to `format: email`. */
export const IS_EMAIL_ADDRESS = 'isEmailAddress';

/**
 * An email address by the one rule the event catalogue applies too (`isEmailAddress` of
 * libs/events): an address the API takes can always travel on the events.
 */
export function IsEmailAddress(): PropertyDecorator {
  return ValidateBy({ name: IS_EMAIL_ADDRESS, validator: { validate: isEmailAddress, defaultMessage: () => `$property must be ${EMAIL_ADDRESS_RULE}` } });
}

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls. NUL would reach
 * PostgreSQL (which refuses it in text: a 500), and none of them belongs in an id, a name, a
 * reference or a reason; a line break may (a rejection reason).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Every string in a value (keys included) that holds a control character, by its dotted path. */
export function fieldsWithControlCharacters(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? [path || '(value)'] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    return CONTROL_CHARACTER.test(key) ? [field] : fieldsWithControlCharacters(child, field);
  });
}

class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // One rule for every body, query, path parameter and gRPC request, before any field's own.
    const offending = fieldsWithControlCharacters(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
    if (offending.length > 0) {
      const errors = offending.map((field) => ({ field, rule: 'noControlCharacters', message: `${field} must not contain control characters (NUL, U+0001-U+001F but tab and line breaks, U+007F-U+009F)` }));
      throw new RequestRejection(400, 'request.invalid', errors.map((error) => error.message).join('; '), errors);
    }
    return super.transform(value, metadata);
  }
}

/**
 * Request bodies are validated by their class-validator DTOs. A refused body is a 400 problem that
 * names each field (dotted path, `milestones.2.title`) and the rule it broke; nothing runs. Before
 * them, one rule holds for every string anywhere: no control characters.
 */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const flat = flatten(errors);
      return new RequestRejection(400, 'request.invalid', flat.map((error) => `${error.field}: ${error.message}`).join('; '), flat);
    },
  });
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; rule: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
