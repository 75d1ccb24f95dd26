import 'reflect-metadata';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { ConfigError, validateConfig } from './validate-config';

class ServerConfig {
  @IsInt() @Min(1) @Max(65535) port: number;
  @IsIn(['debug', 'info']) logLevel: string;
}

const SOURCES = { port: 'PORT', logLevel: 'LOG_LEVEL' };

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

describe('validateConfig', () => {
  it('returns the validated settings as an instance of the DTO', () => {
    const config = validateConfig(ServerConfig, { port: 8080, logLevel: 'info' }, SOURCES);
    expect(config).toBeInstanceOf(ServerConfig);
    expect(config).toEqual({ port: 8080, logLevel: 'info' });
  });

  it('names the variable the bad value came from', () => {
    const error = configErrorOf(() => validateConfig(ServerConfig, { port: 70000, logLevel: 'info' }, SOURCES));
    expect(error.message).toMatch(/^invalid configuration: PORT: /);
    expect(error.message).toContain('65535');
    expect(error.message).not.toContain('LOG_LEVEL');
  });

  it('names every bad variable', () => {
    const error = configErrorOf(() => validateConfig(ServerConfig, { port: 'abc', logLevel: 'loud' }, SOURCES));
    expect(error.message).toContain('PORT: ');
    expect(error.message).toContain('LOG_LEVEL: ');
  });

  it('falls back to the field name when no source is given for it', () => {
    const error = configErrorOf(() => validateConfig(ServerConfig, { port: 0, logLevel: 'info' }, {}));
    expect(error.message).toMatch(/^invalid configuration: port: /);
  });
});
