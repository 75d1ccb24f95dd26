import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDate, IsEmail, IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '@foodcourt/platform-kernel';

export class OrderEventLine {
  @IsString() sku: string;
  @IsInt() @Min(1) quantity: number;
  @IsInt() unitPrice: number;
}

export class OrderConfirmedPayload {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsEmail() customerEmail: string;
  @IsInt() total: number;
  @IsString() currency: string;
  @IsUUID() paymentId: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => OrderEventLine) lines: OrderEventLine[];
  @Type(() => Date) @IsDate() confirmedAt: Date;
}

export class OrderCancelledPayload {
  @IsUUID() orderId: string;
  @IsUUID() customerId: string;
  @IsEmail() customerEmail: string;
  @IsInt() total: number;
  @IsString() currency: string;
  @IsUUID() paymentId: string;
  @Type(() => Date) @IsDate() cancelledAt: Date;
}

/** An order was paid and confirmed. */
export const OrderConfirmed = defineEvent('orders.order-confirmed', OrderConfirmedPayload);
/** A confirmed order was cancelled and its payment refunded. */
export const OrderCancelled = defineEvent('orders.order-cancelled', OrderCancelledPayload);
