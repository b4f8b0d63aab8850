import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Matches } from 'class-validator';
import { prefixedIdPattern, prefixedIdRule } from '@mb/events';
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

/**
 * Request bodies are validated by their class-validator DTOs. A refused body is a 400 problem that
 * names each field (dotted path, `milestones.2.title`) and the rule it broke; nothing runs.
 */
export function requestValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
