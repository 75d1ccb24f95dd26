import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-kernel';
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

  it('accepts {domain} in the database name of DATABASE_URL, as given', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/foodcourt_{domain}';
    expect(persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('rejects {domain} outside the database name of DATABASE_URL, naming the variable', () => {
    for (const url of ['postgres://{domain}@db/fc', 'postgres://u@{domain}:5432/fc_{domain}', 'postgres://db/fc?application_name={domain}']) {
      expect(configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: url })).message).toBe(
        'invalid configuration: DATABASE_URL: databaseUrl may contain {domain} only in the database name, not in the user, password, host, port or parameters',
      );
    }
  });

  it('rejects a malformed DATABASE_URL with {domain}, naming the variable', () => {
    expect(configErrorOf(() => persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: 'postgres://db host/fc_{domain}' })).message).toBe(
      'invalid configuration: DATABASE_URL: databaseUrl must be a valid URL',
    );
  });

  it('leaves a DATABASE_URL without {domain} as it was validated before', () => {
    expect(persistenceConfigFromEnv({ DB_DRIVER: 'postgres', DATABASE_URL: 'postgres://db host/fc' }).databaseUrl).toBe('postgres://db host/fc');
  });

  it('rejects an empty DATA_DIR, naming the variable', () => {
    expect(configErrorOf(() => persistenceConfigFromEnv({ DATA_DIR: '' })).message).toContain('DATA_DIR: ');
  });
});
