import { Injectable, type PipeTransform } from '@nestjs/common';
import { validateDto } from '@foodcourt/platform-kernel';
import { GetProductInput } from '@foodcourt/catalog-contract';

/**
 * A route parameter that must be a SKU: a bad one fails like any invalid field (400
 * VALIDATION_FAILED naming `sku`, with the contract's own message).
 */
@Injectable()
export class SkuParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    return validateDto(GetProductInput, { sku: value }).sku;
  }
}
