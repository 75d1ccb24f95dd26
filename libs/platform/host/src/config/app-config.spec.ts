import 'reflect-metadata';
import { ConfigError } from '@foodcourt/platform-kernel';
import { appConfigFromEnv } from './app-config';

describe('appConfigFromEnv', () => {
  /** What was thrown by `run` (fails the test if nothing was). */
  function thrownBy(run: () => unknown): Error {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected an error');
  }

  it('runs the whole monolith on 0.0.0.0:3000 when nothing is set', () => {
    expect(appConfigFromEnv([], {})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      topologyFile: 'topology/monolith.yaml',
      unit: 'monolith',
      logLevel: 'log',
      trustProxy: false,
      drainTimeoutMs: 10_000,
      corsOrigins: [],
    });
  });

  it('reads PORT, HOST, TOPOLOGY, UNIT, LOG_LEVEL, TRUST_PROXY and DRAIN_TIMEOUT_MS', () => {
    const env = { PORT: '8080', HOST: '127.0.0.1', TOPOLOGY: 'topology/split.yaml', UNIT: 'payments', LOG_LEVEL: 'debug', TRUST_PROXY: 'true', DRAIN_TIMEOUT_MS: '2500' };
    expect(appConfigFromEnv([], env)).toEqual({
      port: 8080,
      host: '127.0.0.1',
      topologyFile: 'topology/split.yaml',
      unit: 'payments',
      logLevel: 'debug',
      trustProxy: true,
      drainTimeoutMs: 2_500,
      corsOrigins: [],
    });
  });

  it('reads CORS_ORIGINS as a comma-separated list of origins', () => {
    expect(appConfigFromEnv([], { CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173,http://[::1]:8080' }).corsOrigins).toEqual([
      'https://shop.example.com',
      'http://localhost:5173',
      'http://[::1]:8080',
    ]);
    expect(appConfigFromEnv([], { CORS_ORIGINS: ' ' }).corsOrigins).toEqual([]);
  });

  it.each([['shop.example.com'], ['https://shop.example.com/'], ['https://shop.example.com/path'], ['*'], ['ftp://x.example']])('refuses CORS_ORIGINS=%j naming it and the entry', (value) => {
    const error = thrownBy(() => appConfigFromEnv([], { CORS_ORIGINS: `https://ok.example,${value}` }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^invalid configuration: CORS_ORIGINS: /);
    expect(error.message).toContain(value);
  });

  it.each([['soon'], ['-5'], ['1.5'], ['600001']])('refuses DRAIN_TIMEOUT_MS=%j naming it', (value) => {
    const error = thrownBy(() => appConfigFromEnv([], { DRAIN_TIMEOUT_MS: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^invalid configuration: DRAIN_TIMEOUT_MS: /);
  });

  it('refuses a TRUST_PROXY that is neither true nor false, naming it', () => {
    const error = thrownBy(() => appConfigFromEnv([], { TRUST_PROXY: 'yes' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('TRUST_PROXY');
  });

  it('accepts the port bounds 0 and 65535', () => {
    expect(appConfigFromEnv([], { PORT: '0' }).port).toBe(0);
    expect(appConfigFromEnv([], { PORT: '65535' }).port).toBe(65_535);
  });

  it('lets --topology and --unit flags override the environment', () => {
    const env = { TOPOLOGY: 'topology/from-env.yaml', UNIT: 'from-env' };
    const config = appConfigFromEnv(['--topology', 'topology/split.yaml', '--unit', 'orders'], env);
    expect(config).toMatchObject({ topologyFile: 'topology/split.yaml', unit: 'orders' });
  });

  it('accepts the --flag=value form too', () => {
    const config = appConfigFromEnv(['--unit=payments', '--topology=topology/payments-extracted.yaml'], { UNIT: 'from-env' });
    expect(config).toMatchObject({ topologyFile: 'topology/payments-extracted.yaml', unit: 'payments' });
  });

  it.each([['abc'], ['3000x'], ['-1'], ['']])('refuses PORT=%j with a ConfigError naming PORT', (value) => {
    const error = thrownBy(() => appConfigFromEnv([], { PORT: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('PORT');
  });

  it('refuses a PORT above 65535 naming PORT', () => {
    const error = thrownBy(() => appConfigFromEnv([], { PORT: '70000' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^invalid configuration: PORT: /);
  });

  it('refuses LOG_LEVEL=loud with a ConfigError naming LOG_LEVEL', () => {
    const error = thrownBy(() => appConfigFromEnv([], { LOG_LEVEL: 'loud' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('LOG_LEVEL');
    expect(error.message).not.toContain('PORT');
  });

  it('refuses an empty --unit naming where it came from', () => {
    const error = thrownBy(() => appConfigFromEnv(['--unit='], {}));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('UNIT (or --unit)');
  });
});
