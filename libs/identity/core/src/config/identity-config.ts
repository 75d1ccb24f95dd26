import { IsEmail, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { IsAcceptablePassword, normalizeEmail } from '@foodcourt/identity-contract';
import { ConfigError, validateConfig } from '@foodcourt/platform-kernel';

/** Login attempts are counted over this fixed window. */
export const LOGIN_WINDOW_SECONDS = 60;
/** OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane. */
export const DEFAULT_ARGON2_MEMORY_KIB = 19_456;
export const DEFAULT_ARGON2_TIME_COST = 2;

/** How identity issues tokens, hashes passwords and limits logins. Built from environment variables and validated. */
export class IdentityConfig {
  /** Lifetime of an access token (JWT). */
  @IsInt() @Min(5) @Max(86_400) accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token; each refresh issues a new one with a full lifetime. */
  @IsInt() @Min(60) @Max(31_536_000) refreshTokenTtlSeconds: number;
  /** Failed logins per e-mail per LOGIN_WINDOW_SECONDS. */
  @IsInt() @Min(1) @Max(1_000) loginMaxPerEmail: number;
  /** Login attempts (failed or not) per client address per LOGIN_WINDOW_SECONDS. */
  @IsInt() @Min(1) @Max(1_000_000) loginMaxPerIp: number;
  /** argon2id memory cost in KiB. Values below the default are for tests only. */
  @IsInt() @Min(8_192) @Max(4_194_304) argon2MemoryKib: number;
  /** argon2id iterations. */
  @IsInt() @Min(1) @Max(20) argon2TimeCost: number;
  /** The first admin account, created on start when missing (with adminPassword). */
  @IsOptional() @IsEmail() @MaxLength(254) adminEmail?: string;
  @IsOptional() @IsAcceptablePassword() adminPassword?: string;
}

const SOURCES = {
  accessTokenTtlSeconds: 'IDENTITY_ACCESS_TOKEN_TTL_SECONDS',
  refreshTokenTtlSeconds: 'IDENTITY_REFRESH_TOKEN_TTL_SECONDS',
  loginMaxPerEmail: 'IDENTITY_LOGIN_MAX_PER_EMAIL',
  loginMaxPerIp: 'IDENTITY_LOGIN_MAX_PER_IP',
  argon2MemoryKib: 'IDENTITY_ARGON2_MEMORY_KIB',
  argon2TimeCost: 'IDENTITY_ARGON2_TIME_COST',
  adminEmail: 'IDENTITY_ADMIN_EMAIL',
  adminPassword: 'IDENTITY_ADMIN_PASSWORD',
} as const satisfies Record<keyof IdentityConfig, string>;

/**
 * Reads the IDENTITY_* variables (defaults: access tokens 900 s, refresh tokens 30 days, 5 failed
 * logins per e-mail and 20 attempts per address a minute, argon2id m=19456 KiB t=2). A bad value
 * throws ConfigError naming the variable; IDENTITY_ADMIN_EMAIL and IDENTITY_ADMIN_PASSWORD go together.
 */
export function identityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const adminEmail = nonEmpty(env[SOURCES.adminEmail]);
  const adminPassword = nonEmpty(env[SOURCES.adminPassword]);
  const config = validateConfig(
    IdentityConfig,
    {
      accessTokenTtlSeconds: integerOrRaw(env[SOURCES.accessTokenTtlSeconds], 900),
      refreshTokenTtlSeconds: integerOrRaw(env[SOURCES.refreshTokenTtlSeconds], 30 * 86_400),
      loginMaxPerEmail: integerOrRaw(env[SOURCES.loginMaxPerEmail], 5),
      loginMaxPerIp: integerOrRaw(env[SOURCES.loginMaxPerIp], 20),
      argon2MemoryKib: integerOrRaw(env[SOURCES.argon2MemoryKib], DEFAULT_ARGON2_MEMORY_KIB),
      argon2TimeCost: integerOrRaw(env[SOURCES.argon2TimeCost], DEFAULT_ARGON2_TIME_COST),
      ...(adminEmail === undefined ? {} : { adminEmail: normalizeEmail(adminEmail) }),
      ...(adminPassword === undefined ? {} : { adminPassword }),
    },
    SOURCES,
  );
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    const [missing, given] = adminEmail === undefined ? [SOURCES.adminEmail, SOURCES.adminPassword] : [SOURCES.adminPassword, SOURCES.adminEmail];
    throw new ConfigError(`invalid configuration: ${missing} is required when ${given} is set (give both or neither)`);
  }
  return config;
}

// An empty admin variable counts as unset (compose files often pass `VAR=`).
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

// "12" becomes 12; anything that is not a plain decimal integer stays a string so @IsInt rejects it.
function integerOrRaw(value: string | undefined, fallback: number): unknown {
  if (value === undefined) return fallback;
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : value;
}
