import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
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

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PAYMENT_FAILED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Bounds that keep one order's total below the payments limit (1,000,000.00). */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 1_000;
export const MAX_UNIT_PRICE = 1_000_000;

export class OrderLineInput {
  @ApiProperty({ example: 'PIZZA-MARGHERITA' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,63}$/, { message: 'sku must be 1-64 upper-case letters, digits or dashes' })
  sku: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;

  @ApiProperty({ description: 'Price of one unit in minor units (cents)', minimum: 1, maximum: MAX_UNIT_PRICE })
  @IsInt()
  @Min(1)
  @Max(MAX_UNIT_PRICE)
  unitPrice: number;
}

/** The HTTP body of a checkout. */
export class CheckoutRequest {
  @ApiProperty({ description: 'Where the confirmation e-mail goes' })
  @IsEmail()
  @MaxLength(254)
  customerEmail: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ type: [OrderLineInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];
}

/** Port input of checkout: the request plus the idempotency key (from the Idempotency-Key header over HTTP). */
export class CheckoutInput extends CheckoutRequest {
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}

export class GetOrderInput {
  @IsUUID() orderId: string;
}

export class CancelOrderInput {
  @IsUUID() orderId: string;
}

export class ListOrdersInput {
  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  customerEmail?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class OrderLineView {
  @ApiProperty() sku: string;
  @ApiProperty() quantity: number;
  @ApiProperty() unitPrice: number;
  @ApiProperty() lineTotal: number;
}

/** An order as every caller sees it. */
export class OrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() customerEmail: string;
  @ApiProperty() currency: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [OrderLineView] }) @Type(() => OrderLineView) lines: OrderLineView[];
  @ApiPropertyOptional({ format: 'uuid' }) paymentId?: string;
  @ApiPropertyOptional() failureReason?: string;
  @ApiProperty() @Type(() => Date) createdAt: Date;
  @ApiProperty() @Type(() => Date) updatedAt: Date;
}

export class OrderList {
  @ApiProperty({ type: [OrderView] }) @Type(() => OrderView) items: OrderView[];
  @ApiProperty() total: number;
}
