import type { Type } from '@nestjs/common';
import { requestValidationPipe } from '../http/validation';

const pipe = requestValidationPipe();

/**
 * A gRPC request checked by class-validator rules, the same pipe the REST bodies go through: a
 * refused request throws RequestRejection `request.invalid` naming each field (dotted path) and
 * rule, which the gRPC error filter answers with INVALID_ARGUMENT. Fields the class does not
 * declare are refused too, so pass only what the class describes.
 */
export async function validRequest<T extends object>(requestClass: Type<T>, request: object): Promise<T> {
  return (await pipe.transform(request, { type: 'body', metatype: requestClass, data: undefined })) as T;
}
