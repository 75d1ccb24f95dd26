import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** An outbox event as it crosses to another unit, validated on arrival like any message. */
export class WireEvent {
  @IsUUID() id: string;
  @IsString() @Matches(/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/) @MaxLength(200) type: string;
  @IsString() payload: string;
  @Type(() => Date) @IsDate() occurredAt: Date;
  @IsOptional() @IsInt() @Min(0) relayAttempts?: number;
  /** Checked apart (withoutTraceContext): a malformed one is dropped, not the event. */
  @IsOptional() @IsString() @MaxLength(2048) traceContext?: string;
}
