import { ValidationError, ValidationPipe } from '@nestjs/common';
import { RequestRejection } from './problem-details.filter';

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
