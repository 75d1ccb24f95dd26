import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_PAGE_OFFSET } from '@foodcourt/platform-kernel';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}$/;
const SKU_MESSAGE = 'sku must be 1-64 upper-case letters, digits or dashes';
/** Largest price of one unit, in minor units (1,000,000.00). */
export const MAX_PRICE = 100_000_000;
export const MAX_STOCK = 1_000_000;

/** Create a product (admin). */
export class CreateProductInput {
  @ApiProperty({ example: 'PIZZA-MARGHERITA' }) @Matches(SKU_PATTERN, { message: SKU_MESSAGE }) sku: string;
  @ApiProperty() @IsString() @Length(1, 200) name: string;
  @ApiProperty() @IsString() @MaxLength(2_000) description: string;
  @ApiProperty({ description: 'Unit price in minor units (cents)' }) @IsInt() @Min(1) @Max(MAX_PRICE) price: number;
  @ApiProperty({ example: 'EUR' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' }) currency: string;
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_STOCK) stock: number;
}

/** The HTTP body of a product update (admin): any subset of fields; an empty one changes nothing. */
export class ProductChanges {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_PRICE) price?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_STOCK) stock?: number;
}

/** Port input of an update: which product, and what changes. */
export class UpdateProductInput extends ProductChanges {
  @Matches(SKU_PATTERN, { message: SKU_MESSAGE }) sku: string;
}

export class GetProductInput {
  @Matches(SKU_PATTERN, { message: SKU_MESSAGE }) sku: string;
}

/** Several products at once (checkout reads every line's price in one call). */
export class GetProductsInput {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ArrayUnique() @Matches(SKU_PATTERN, { each: true, message: SKU_MESSAGE }) skus: string[];
}

export class ListProductsInput {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_PAGE_OFFSET) offset?: number;
}

export class StockLine {
  @ApiProperty() @Matches(SKU_PATTERN, { message: SKU_MESSAGE }) sku: string;
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_STOCK) quantity: number;
}

/**
 * Take stock for an order; the same order id reserves once, whatever the retries. Repeated skus
 * are merged by summing. After a release (even one that came first) it returns the RELEASED
 * reservation and takes nothing.
 */
export class ReserveStockInput {
  @IsUUID() orderId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => StockLine) lines: StockLine[];
}

/**
 * Give an order's reserved stock back; releasing twice is a no-op. Releasing an order id that was
 * never reserved stores a RELEASED tombstone, so a reserve arriving late (it timed out at the
 * caller) can never take stock afterwards: this keeps checkout compensation safe.
 */
export class ReleaseStockInput {
  @IsUUID() orderId: string;
}

/** A product as every caller sees it. */
export class ProductView {
  @ApiProperty() @IsString() sku: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty() @IsString() description: string;
  @ApiProperty() @IsInt() price: number;
  @ApiProperty() @IsString() currency: string;
  @ApiProperty() @IsInt() stock: number;
  @ApiProperty() @Type(() => Date) @IsDate() createdAt: Date;
  @ApiProperty() @Type(() => Date) @IsDate() updatedAt: Date;
}

export class ProductList {
  @ApiProperty({ type: [ProductView] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ProductView) items: ProductView[];
  @ApiProperty() @IsInt() total: number;
}

/** What a reservation holds: per line, the quantity taken. `status` RESERVED or RELEASED. */
export class ReservationView {
  @ApiProperty() @IsUUID() orderId: string;
  @ApiProperty({ enum: ['RESERVED', 'RELEASED'] }) @IsIn(['RESERVED', 'RELEASED']) status: 'RESERVED' | 'RELEASED';
  @ApiProperty({ type: [StockLine] }) @IsArray() @ValidateNested({ each: true }) @Type(() => StockLine) lines: StockLine[];
}
