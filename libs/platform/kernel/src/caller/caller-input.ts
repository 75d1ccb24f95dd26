import { ApiHideProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsUUID } from 'class-validator';
import { ROLES, type Caller, type Role } from './caller';

/**
 * The caller as a port input field: HTTP layers fill it from the verified token (never from
 * the body), so domains decide who may see what, locally or across the wire.
 */
export class CallerInput implements Caller {
  @ApiHideProperty() @IsUUID() id: string;
  @ApiHideProperty() @IsEmail() email: string;
  @ApiHideProperty() @IsArray() @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true }) roles: Role[];
}

/** The port-input form of a verified caller. */
export function callerInput(caller: Caller): CallerInput {
  return { id: caller.id, email: caller.email, roles: [...caller.roles] };
}
