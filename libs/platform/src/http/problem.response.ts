import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ProblemDetails } from './problem-details.filter';

/** The OpenAPI name of the problem schema every error response refers to. */
export const PROBLEM_SCHEMA = 'Problem';

@ApiSchema({ name: 'ProblemFieldError', description: 'One field at fault and the rule it broke.' })
export class ProblemFieldErrorResponse {
  @ApiProperty({
    description: 'The field, as a dotted path into the body or the query (`milestones.2.title`), or a header name (`Idempotency-Key`).',
    example: 'milestones.2.title',
  })
  field!: string;

  @ApiProperty({
    description:
      'The rule it broke: the validation constraint for a 400 (`isInt`, `min`, `matches`, `whitelistValidation` for a field not allowed), ' +
      'the problem `code` for a business rule (422).',
    example: 'maxLength',
  })
  rule!: string;

  @ApiProperty({ description: 'What is wrong, for a person.', example: 'title must be shorter than or equal to 300 characters' })
  message!: string;
}

/**
 * RFC 9457 problem details as ProblemDetailsFilter writes them (`application/problem+json`).
 * `implements` keeps the documented fields and the emitted ones the same.
 */
@ApiSchema({
  name: PROBLEM_SCHEMA,
  description:
    'RFC 9457 problem details. Clients branch on `code` (stable) or `status`, never on `title` or `detail`. ' +
    'Besides the codes each operation lists, any request may get 404 `route.not_found` (no such route), ' +
    '400 `http.400` (a body that is not JSON) and 500 `internal_error` (an unexpected failure; the detail hides the cause).',
})
export class ProblemResponse implements ProblemDetails {
  @ApiProperty({ description: 'The problem type, `urn:milestone-billing:problem:` followed by the code.', format: 'uri', example: 'urn:milestone-billing:problem:contract.not_found' })
  type!: string;

  @ApiProperty({ description: 'The HTTP status in words.', example: 'Not found' })
  title!: string;

  @ApiProperty({ description: 'The HTTP status code.', type: 'integer', minimum: 400, maximum: 599, example: 404 })
  status!: number;

  @ApiProperty({ description: 'What happened, for a person; its wording may change.', example: 'there is no contract con_7732_alpha' })
  detail!: string;

  @ApiProperty({ description: 'The path (and query) of the request that failed.', example: '/v1/contracts/con_7732_alpha' })
  instance!: string;

  @ApiProperty({ description: 'Stable machine-readable code; the codes each operation can return are listed in its responses.', example: 'contract.not_found' })
  code!: string;

  @ApiProperty({
    description: 'Each field at fault: every one for a 400 `request.invalid`; the field of a business rule that names one.',
    type: () => [ProblemFieldErrorResponse],
    required: false,
  })
  errors?: ProblemFieldErrorResponse[];
}
