import { ApiParam, ApiProperty } from '@nestjs/swagger';
import { prefixedIdPattern, prefixedIdRule } from '@mb/events';

/**
 * A prefixed id in a response or a query DTO (`con_…`), with its form: `@ApiIdProperty('con', 'The contract')`.
 * The example is a ULID, as the services create them; clients compare ids whole and never parse them.
 */
export function ApiIdProperty(prefix: string, description: string, options: { nullable?: boolean } = {}): PropertyDecorator {
  return ApiProperty({
    type: String,
    description: `${description}: ${prefixedIdRule(prefix)}.`,
    pattern: prefixedIdPattern(prefix),
    example: `${prefix}_01JX6Q8Z3Y2W0V9T7S5R4P3N2M`,
    ...(options.nullable ? { nullable: true } : {}),
  });
}

/**
 * A prefixed id in the path: `@ApiIdParam('id', 'con', 'The contract')`. Only its description: a
 * path id is not checked for its form, so any id that names nothing is the operation's 404.
 */
export function ApiIdParam(name: string, prefix: string, description: string): MethodDecorator {
  return ApiParam({ name, description: `${description}: ${prefix}_ followed by an opaque string.`, schema: { type: 'string', example: `${prefix}_01JX6Q8Z3Y2W0V9T7S5R4P3N2M` } });
}

/**
 * `true` only when A and B have the same shape, for a documented response class that stands for a
 * view typed elsewhere: `const _same: SameShape<InvoiceResponse, InvoiceView> = true;` stops the
 * build when a field is added, removed or retyped on one side only.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
