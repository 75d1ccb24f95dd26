import { CallerInput, MAX_PAGE_OFFSET } from '@foodcourt/platform-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';

/** Names of the e-mail templates notifications sends. */
export const MAIL_TEMPLATES = ['order-confirmed', 'order-cancelled', 'payment-captured', 'payment-failed', 'welcome'] as const;
/** One e-mail template name. */
export type MailTemplateName = (typeof MAIL_TEMPLATES)[number];

/** How an e-mail left the process: written as a file, or handed to an SMTP server. */
export const MAIL_TRANSPORTS = ['file', 'smtp'] as const;
/** One mail transport kind. */
export type MailTransportKind = (typeof MAIL_TRANSPORTS)[number];

/**
 * Where one e-mail is on its way: PENDING (recorded with the event, waiting to be sent or retried),
 * SENDING (being handed over), SENT, or FAILED (given up on, or interrupted mid-send: an operator
 * decides, through the dead-letter list, whether to send it again).
 */
export const DELIVERY_STATUSES = ['PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
/** One delivery status. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Largest page of deliveries one call returns. */
export const MAX_DELIVERIES_PAGE = 100;
/** Page size when the caller does not give one. */
export const DEFAULT_DELIVERIES_PAGE = 20;

/** Port input (and HTTP query) of listDeliveries: an optional recipient filter and a page. */
/** The HTTP query of the delivery log. */
export class ListDeliveriesQuery {
  @ApiPropertyOptional({ description: 'Admins: only e-mails sent to this address (customers always get their own)' })
  @IsOptional()
  @IsEmail()
  recipient?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DELIVERIES_PAGE, default: DEFAULT_DELIVERIES_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_DELIVERIES_PAGE)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PAGE_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE_OFFSET)
  offset?: number;
}

/**
 * Port input of the delivery log: with a `caller` who is not an admin, only e-mails sent to the
 * caller's own address; without one (a trusted call from another domain), as asked.
 */
export class ListDeliveriesInput extends ListDeliveriesQuery {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CallerInput) caller?: CallerInput;
}

/** One e-mail notifications sent, as every caller sees it. */
export class DeliveryView {
  @ApiProperty({ format: 'uuid', description: 'Derived from the event id and the template: one event, one delivery' })
  @IsUUID()
  id: string;

  @ApiProperty({ format: 'uuid', description: 'The event that caused the e-mail' })
  @IsUUID()
  eventId: string;

  @ApiProperty({ enum: MAIL_TEMPLATES })
  @IsIn(MAIL_TEMPLATES)
  template: MailTemplateName;

  @ApiProperty()
  @IsEmail()
  recipient: string;

  @ApiProperty()
  @IsString()
  subject: string;

  @ApiProperty({ enum: DELIVERY_STATUSES })
  @IsIn(DELIVERY_STATUSES)
  status: DeliveryStatus;

  @ApiProperty({ enum: MAIL_TRANSPORTS })
  @IsIn(MAIL_TRANSPORTS)
  transport: MailTransportKind;

  @ApiProperty({ description: 'Path of the .eml file (file transport) or the SMTP Message-ID; known before the send, so it is the idempotency key' })
  @IsString()
  location: string;

  @ApiProperty({ description: 'When the e-mail was recorded, together with the event that caused it' })
  @Type(() => Date)
  @IsDate()
  createdAt: Date;

  @ApiPropertyOptional({ description: 'When the e-mail was handed over (SENT only)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  sentAt?: Date;
}

/** A page of deliveries, newest first, with the number of all that match. */
export class DeliveryList {
  @ApiProperty({ type: [DeliveryView] })
  @ValidateNested({ each: true })
  @Type(() => DeliveryView)
  items: DeliveryView[];

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  total: number;
}
