import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { validateDto, type DtoClass } from '../validation/dto-validator';

/**
 * Global pipe: bodies and query objects typed with a class-validator DTO are validated the
 * same way a port call is (unknown fields rejected, each violation naming its field).
 */
@Injectable()
export class DtoValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype as DtoClass | undefined;
    if (metadata.type === 'custom' || !metatype || !isDto(metatype)) return value;
    return validateDto(metatype, value ?? {});
  }
}

// Asked on every request for every parameter: the answer per class never changes, so keep it.
const dtoClasses = new WeakMap<DtoClass, boolean>();

function isDto(metatype: DtoClass): boolean {
  let known = dtoClasses.get(metatype);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).length > 0;
    dtoClasses.set(metatype, known);
  }
  return known;
}
