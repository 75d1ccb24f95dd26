import { IsOptional, Matches } from 'class-validator';

/** What the unit serving the API asks another unit for: the spans of one trace, or of every trace it keeps. */
export class TraceRequest {
  @IsOptional() @Matches(/^[0-9a-f]{32}$/, { message: 'traceId must be 32 lowercase hex digits' }) traceId?: string;
}
