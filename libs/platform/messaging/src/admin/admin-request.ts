import { IsIn, IsOptional, IsUUID } from 'class-validator';

/** An operator request relayed to another unit. */
export class AdminRequest {
  @IsIn(['list', 'replay', 'republish']) op: 'list' | 'replay' | 'republish';
  @IsOptional() @IsUUID() id?: string;
}
