import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsInt, IsOptional, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '@foodcourt/platform-kernel';

export class PaymentCapturedPayload {
  @IsUUID() paymentId: string;
  @IsUUID() orderId: string;
  @IsInt() amount: number;
  @IsString() currency: string;
  @IsOptional() @IsEmail() receiptEmail?: string;
  @Type(() => Date) @IsDate() capturedAt: Date;
}

export class PaymentFailedPayload {
  @IsUUID() paymentId: string;
  @IsUUID() orderId: string;
  @IsInt() amount: number;
  @IsString() currency: string;
  @IsOptional() @IsEmail() receiptEmail?: string;
  @IsString() reason: string;
  @Type(() => Date) @IsDate() failedAt: Date;
}

/** Money was taken for an order. */
export const PaymentCaptured = defineEvent('payments.payment-captured', PaymentCapturedPayload);
/** The provider declined an authorization. */
export const PaymentFailed = defineEvent('payments.payment-failed', PaymentFailedPayload);
