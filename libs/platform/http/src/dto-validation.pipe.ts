import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { assertNestingWithin, dtoValidator, type DtoClass } from '@foodcourt/platform-kernel';

/**
 * Global pipe: bodies and query objects typed with a class-validator DTO are validated the
 * same way a port call is (unknown fields rejected, each violation naming its field), once their
 * nesting is known to be bounded.
 */
@Injectable()
export class DtoValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype as DtoClass | undefined;
    if (metadata.type === 'custom' || !metatype) return value;
    const validate = validatorOf(metatype);
    if (!validate) return value;
    assertNestingWithin(value);
    return validate(value ?? {});
  }
}

// Asked on every request for every parameter: the answer per class never changes, so keep it,
// together with the class's validator (one lookup per parameter, none inside validateDto).
const validators = new WeakMap<DtoClass, ((input: unknown) => object) | null>();

function validatorOf(metatype: DtoClass): ((input: unknown) => object) | null {
  let validate = validators.get(metatype);
  if (validate === undefined) {
    const isDto = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).length > 0;
    validate = isDto ? dtoValidator(metatype) : null;
    validators.set(metatype, validate);
  }
  return validate;
}
