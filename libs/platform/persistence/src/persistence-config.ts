import { IsIn, IsOptional, IsString, Matches, MinLength, ValidateBy } from 'class-validator';
import { ConfigError, validateConfig } from '@foodcourt/platform-kernel';
import { domainPlaceholderProblem } from './domain-database-url';

/** Where domain databases live. Built from environment variables, validated like any other input. */
export class PersistenceConfig {
  /**
   * `sqlite` (default: one file per domain under dataDir) or `postgres` (one schema per domain, in
   * the database of databaseUrl or, when it contains `{domain}`, in a database of its own).
   */
  @IsIn(['sqlite', 'postgres'])
  driver: 'sqlite' | 'postgres';

  @IsString()
  @MinLength(1)
  dataDir: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'databaseUrl must start with postgres://' })
  @ValidateBy({
    name: 'domainPlaceholder',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !domainPlaceholderProblem(value),
      defaultMessage: (args) => domainPlaceholderProblem(String(args?.value)) ?? '',
    },
  })
  databaseUrl?: string;
}

/** Reads DB_DRIVER, DATA_DIR and DATABASE_URL; a bad value fails with a message naming the variable. */
export function persistenceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PersistenceConfig {
  const config = validateConfig(
    PersistenceConfig,
    {
      driver: env['DB_DRIVER'] ?? 'sqlite',
      dataDir: env['DATA_DIR'] ?? './data',
      ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    },
    { driver: 'DB_DRIVER', dataDir: 'DATA_DIR', databaseUrl: 'DATABASE_URL' },
  );
  if (config.driver === 'postgres' && !config.databaseUrl) {
    throw new ConfigError('invalid configuration: DATABASE_URL is required when DB_DRIVER=postgres');
  }
  return config;
}
