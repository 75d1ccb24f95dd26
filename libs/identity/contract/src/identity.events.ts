import { Type } from 'class-transformer';
import { IsDate, IsEmail, IsString, IsUUID } from 'class-validator';
import { defineEvent } from '@foodcourt/platform-kernel';

export class UserRegisteredPayload {
  @IsUUID() userId: string;
  @IsEmail() email: string;
  @IsString() name: string;
  @Type(() => Date) @IsDate() registeredAt: Date;
}

/** An account was created (by registration, or the configured admin on first start). */
export const UserRegistered = defineEvent('identity.user-registered', UserRegisteredPayload);
/** The same event under the name the notifications brief uses. */
export const IdentityRegistered = UserRegistered;
