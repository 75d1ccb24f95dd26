import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDate, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { ROLES, type Role } from '@foodcourt/platform-kernel';
import { IsAcceptablePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, normalizeEmail } from './password-policy';

/** E-mail addresses are trimmed and lower-cased before they are validated, stored or compared. */
const NormalizedEmail = () => Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value));

/** Longest refresh token accepted as input (issued ones are 80 characters). */
export const MAX_REFRESH_TOKEN_LENGTH = 256;

/** Create a customer account. */
export class RegisterInput {
  @ApiProperty({ example: 'ada@example.com', maxLength: 254, description: 'Trimmed and compared case-insensitively' })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description: `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not only letters and not only digits`,
  })
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  // It ends up in e-mail subjects and greetings: no line breaks or other control characters.
  @Matches(/^\P{Cc}*$/u, { message: 'name must not contain line breaks or other control characters' })
  name: string;
}

/** The HTTP body of a login. */
export class LoginRequest {
  @ApiProperty({ example: 'ada@example.com' })
  @NormalizedEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @Length(1, MAX_PASSWORD_LENGTH)
  password: string;
}

/** Port input of login: the request plus the caller's address (from the connection over HTTP), for rate limiting. */
export class LoginInput extends LoginRequest {
  @IsString()
  @MaxLength(64)
  clientIp: string;
}

/** Trade a refresh token for a new token pair (the presented token is used up). */
export class RefreshInput {
  @ApiProperty({ description: 'The refresh token of the last token pair' })
  @IsString()
  @Length(1, MAX_REFRESH_TOKEN_LENGTH)
  refreshToken: string;
}

/** End the session a refresh token belongs to. */
export class LogoutInput {
  @ApiProperty({ description: 'Any refresh token of the session; the whole session is revoked' })
  @IsString()
  @Length(1, MAX_REFRESH_TOKEN_LENGTH)
  refreshToken: string;
}

export class GetUserInput {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

/** An account as every caller sees it (never a password hash). */
export class UserView {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty() @IsEmail() email: string;
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @IsIn(ROLES, { each: true }) roles: Role[];
  @ApiProperty() @Type(() => Date) @IsDate() createdAt: Date;
}

/** What a login or a refresh answers: a short-lived access token and the refresh token to renew it. */
export class TokenPair {
  @ApiProperty({ description: 'JWT (EdDSA) to send as `Authorization: Bearer <accessToken>`' })
  @IsString()
  accessToken: string;

  @ApiProperty({ description: 'Opaque, single use: POST it to /auth/refresh for the next pair' })
  @IsString()
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'] })
  @IsIn(['Bearer'])
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  @IsInt()
  @Min(1)
  expiresIn: number;

  @ApiProperty({ type: UserView })
  @ValidateNested()
  @Type(() => UserView)
  user: UserView;
}

/** Logout's answer: always the same, whether the session was still open or not (logout is idempotent). */
export class LogoutResult {
  @ApiProperty() @IsBoolean() loggedOut: boolean;
}

export class PublicKeysInput {
  /** Ask identity to re-read its keys (a token named a key id the caller does not know). */
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() refresh?: boolean;
}

/** The public half of the access-token signing keys (a JWKS), for units that verify tokens themselves. */
export class PublicKeySet {
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @IsObject({ each: true })
  keys: Record<string, unknown>[];
}

/** Rotation of the access-token signing key, named by the key it replaces (so two operators do not rotate twice). */
export class RotateSigningKeyInput {
  @ApiProperty({ description: 'kid of the key signing now (the `kid` in the header of a fresh access token); a different one answers SIGNING_KEY_CHANGED', maxLength: 64 })
  @IsString()
  @Length(1, 64)
  currentKid: string;
}

/** A rotation's outcome: the new key signs from now on; the previous one stays published until the tokens it signed have expired. */
export class SigningKeyRotation {
  @ApiProperty({ description: 'kid of the new signing key' }) @IsString() kid: string;
  @ApiProperty({ description: 'kid of the key it replaces' }) @IsString() previousKid: string;
  @ApiProperty({ description: 'kids published in the JWKS now (the new key first)', type: [String] }) @IsArray() @IsString({ each: true }) published: string[];
  @ApiProperty({ description: 'When the previous key leaves the JWKS: its last token has expired by then (ISO 8601)' }) @IsString() previousRetiresAt: string;
}
