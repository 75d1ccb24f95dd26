import { resolve } from 'node:path';
import { IsString, IsUrl, Matches, MinLength, ValidateIf } from 'class-validator';
import { validateDto, ValidationFailedError } from '@foodcourt/platform-kernel';

/** Default sender when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = 'Foodcourt <no-reply@foodcourt.local>';

/** The environment variables mail reads, validated under their own names so errors name them. */
export class MailEnv {
  @IsString()
  @ValidateIf((env: MailEnv) => env.MAIL_TRANSPORT !== 'file')
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false, require_valid_protocol: true },
    { message: 'MAIL_TRANSPORT must be "file" or an smtp:// or smtps:// URL' },
  )
  MAIL_TRANSPORT: string;

  @IsString()
  @Matches(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'MAIL_FROM must be an address such as "Foodcourt <no-reply@example.com>"',
  })
  MAIL_FROM: string;

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR: string;
}

/** How notifications sends e-mail: files under mailDir (default) or an SMTP server. */
export class MailConfig {
  constructor(
    readonly transport: 'file' | 'smtp',
    /** The sender of every e-mail. */
    readonly from: string,
    /** Absolute directory of the .eml files (file transport). */
    readonly mailDir: string,
    /** smtp:// or smtps:// URL, credentials included (smtp transport); never logged. */
    readonly smtpUrl?: string,
  ) {}
}

/** Reads MAIL_TRANSPORT, MAIL_FROM and DATA_DIR; a bad value throws an Error naming the variable. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  let valid: MailEnv;
  try {
    valid = validateDto(MailEnv, {
      MAIL_TRANSPORT: env['MAIL_TRANSPORT'] ?? 'file',
      MAIL_FROM: env['MAIL_FROM'] ?? DEFAULT_MAIL_FROM,
      DATA_DIR: env['DATA_DIR'] ?? './data',
    });
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    throw new Error(`Invalid mail configuration: ${error.violations.map((v) => v.messages.join(', ')).join('; ')}`);
  }
  const mailDir = resolve(valid.DATA_DIR, 'mail');
  return valid.MAIL_TRANSPORT === 'file'
    ? new MailConfig('file', valid.MAIL_FROM, mailDir)
    : new MailConfig('smtp', valid.MAIL_FROM, mailDir, valid.MAIL_TRANSPORT);
}
