import { Type } from 'class-transformer';
import { IsDate, IsInt, IsString, Min } from 'class-validator';
import { defineEvent } from '@foodcourt/platform-kernel';

/**
 * The full state of a product after any change (create, update, stock reserved or released):
 * a subscriber can upsert its read model from this alone. `version` grows by one per change,
 * so a subscriber can ignore an older state arriving late.
 */
export class ProductChangedPayload {
  @IsString() sku: string;
  @IsString() name: string;
  @IsString() description: string;
  @IsInt() price: number;
  @IsString() currency: string;
  @IsInt() @Min(0) stock: number;
  @IsInt() @Min(1) version: number;
  @Type(() => Date) @IsDate() changedAt: Date;
}

export const ProductChanged = defineEvent('catalog.product-changed', ProductChangedPayload);
