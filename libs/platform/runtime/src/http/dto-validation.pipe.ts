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

function isDto(metatype: DtoClass): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).length > 0;
}
