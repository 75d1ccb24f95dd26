import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CallerInput } from '@foodcourt/platform-kernel';
import { Type } from 'class-transformer';
import { IsArray, IsDate, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/** Largest amount one payment may carry, in minor units (1,000,000.00). */
export const MAX_PAYMENT_AMOUNT = 100_000_000;

export const PAYMENT_STATUSES = ['AUTHORIZED', 'CAPTURED', 'REFUNDED', 'DECLINED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Ask to reserve money for an order. The same idempotency key always yields the same payment. */
export class AuthorizePaymentInput {
  @ApiProperty({ description: 'Same key, same payment: a retry never charges twice' })
  @IsString()
  @Length(1, 200)
  idempotencyKey: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId: string;

  @ApiProperty({ format: 'uuid', description: 'Who pays: only they (and admins) can read the payment' })
  @IsUUID()
  customerId: string;

  @ApiProperty({ description: 'Amount in minor units (cents)', minimum: 1, maximum: MAX_PAYMENT_AMOUNT })
  @IsInt()
  @Min(1)
  @Max(MAX_PAYMENT_AMOUNT)
  amount: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency: string;

  @ApiPropertyOptional({ description: 'Where receipts and failure notices go' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  receiptEmail?: string;
}

/** Take the authorized money. Capturing a captured payment returns it unchanged. */
export class CapturePaymentInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  paymentId: string;
}

/** Give captured money back in full. Refunding a refunded payment returns it unchanged. */
export class RefundPaymentInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  paymentId: string;
}

/**
 * `caller`, when present, is the end user asking (over HTTP): they see only their own
 * payments. Absent, the call comes from another domain through the port (trusted).
 */
export class GetPaymentInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  paymentId: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => CallerInput) caller?: CallerInput;
}

/** The HTTP query: every payment made for one order. */
export class ListPaymentsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orderId: string;
}

/** Every payment made for one order; with a `caller`, only if they are its customer or an admin. */
export class ListPaymentsInput extends ListPaymentsQuery {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CallerInput) caller?: CallerInput;
}

/** A payment as every caller sees it. */
export class PaymentView {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() orderId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId: string;
  @ApiProperty({ enum: PAYMENT_STATUSES }) @IsIn(PAYMENT_STATUSES) status: PaymentStatus;
  @ApiProperty() @IsInt() amount: number;
  @ApiProperty() @IsString() currency: string;
  @ApiPropertyOptional() @IsOptional() @IsString() receiptEmail?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() declineReason?: string;
  @ApiProperty() @Type(() => Date) @IsDate() createdAt: Date;
  @ApiProperty() @Type(() => Date) @IsDate() updatedAt: Date;
}

/** Payments of one order, oldest first. */
export class PaymentList {
  @ApiProperty({ type: [PaymentView] }) @IsArray() @ValidateNested({ each: true }) @Type(() => PaymentView) items: PaymentView[];
}
