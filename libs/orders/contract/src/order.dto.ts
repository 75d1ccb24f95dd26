import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CallerInput, MAX_PAGE_OFFSET } from '@foodcourt/platform-kernel';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'PAYMENT_FAILED', 'REJECTED', 'ABANDONED', 'CANCELLED'] as const;
/**
 * PENDING → CONFIRMED | PAYMENT_FAILED (declined) | REJECTED (not enough stock) | ABANDONED
 * (never paid; the recovery sweep released its stock); CONFIRMED → CANCELLED (refunded).
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Bounds of one checkout; prices come from the catalog, never from the client. */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 1_000;

export class OrderLineInput {
  @ApiProperty({ example: 'PIZZA-MARGHERITA' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,63}$/, { message: 'sku must be 1-64 upper-case letters, digits or dashes' })
  sku: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;
}

/** The HTTP body of a checkout: what to buy. Who buys comes from the access token. */
export class CheckoutRequest {
  @ApiProperty({ type: [OrderLineInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInput)
  lines: OrderLineInput[];
}

/** Port input of checkout: the request, the caller and the idempotency key (the Idempotency-Key header over HTTP). */
export class CheckoutInput extends CheckoutRequest {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CallerInput) caller: CallerInput;

  @IsString()
  @Length(1, 200)
  idempotencyKey: string;
}

/** Read one order: its customer or an admin. */
export class GetOrderInput {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CallerInput) caller: CallerInput;
  @IsUUID() orderId: string;
}

/** Cancel an order: its customer or an admin. */
export class CancelOrderInput {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CallerInput) caller: CallerInput;
  @IsUUID() orderId: string;
}

/** The HTTP query of an order listing. */
export class ListOrdersQuery {
  @ApiPropertyOptional({ description: 'Admins only: one customer\'s orders (customers always get their own)' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_OFFSET)
  offset?: number;
}

/** Port input of a listing: a customer sees their own orders, an admin any customer's or all. */
export class ListOrdersInput extends ListOrdersQuery {
  @IsDefined() @IsObject() @ValidateNested() @Type(() => CallerInput) caller: CallerInput;
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
  @ApiProperty({ format: 'uuid' }) customerId: string;
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
