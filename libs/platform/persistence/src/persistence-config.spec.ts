import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-runtime';
import { PersistenceConfig, persistenceConfigFromEnv } from './persistence-config';

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('persistenceConfigFromEnv', () => {
  it('defaults to SQLite files under ./data', () => {
    const config = persistenceConfigFromEnv({});
    expect(config).toBeInstanceOf(PersistenceConfig);
    expect(config.driver).toBe('sqlite');
    expect(config.dataDir).toBe('./data');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads DATA_DIR, DB_DRIVER and DATABASE_URL', () => {
    const config = persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATA_DIR: '/var/lib/fc', DATABASE_URL: 'postgres://u:p@db:5432/fc' });
    expect(config).toMatchObject({ driver: 'postgres', dataDir: '/var/lib/fc', databaseUrl: 'postgres://u:p@db:5432/fc' });
  });

  it('rejects an unsupported DB_DRIVER, naming the variable', () => {
    const error = configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'oracle' }));
    expect(error.message).toContain('DB_DRIVER: ');
  });

  it('requires DATABASE_URL with DB_DRIVER=postgres', () => {
    expect(configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'postgres' })).message).toContain('DATABASE_URL');
    expect(configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: '' })).message).toContain('DATABASE_URL');
  });

  it('rejects a DATABASE_URL that is not a postgres URL, naming the variable', () => {
    expect(configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: 'mysql://db/fc' })).message).toContain('DATABASE_URL: ');
  });

  it('rejects an empty DATA_DIR, naming the variable', () => {
    expect(configErrorOf(() => persistenceConfigFromEnv({ DATA_DIR: '' })).message).toContain('DATA_DIR: ');
  });
});
