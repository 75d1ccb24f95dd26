import { IsArray, IsBoolean, IsIn, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError, validateConfig } from '@foodcourt/platform-kernel';

/** A web origin as browsers send it: http(s)://host[:port], nothing after. */
const ORIGIN = /^https?:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/** Settings of one process, from flags and environment variables. */
export class AppConfig {
  @IsInt()
  @Min(0)
  @Max(65_535)
  port: number;

  @IsString()
  @MinLength(1)
  host: string;

  /** Path of the topology file (TOPOLOGY or --topology). */
  @IsString()
  @MinLength(1)
  topologyFile: string;

  /** Which unit of the topology this process is (UNIT or --unit). */
  @IsString()
  @MinLength(1)
  unit: string;

  /** Behind a load balancer: take the client address from X-Forwarded-For (per-address login limits need it). */
  @IsBoolean()
  trustProxy: boolean;

  /** Longest graceful stop on SIGTERM (DRAIN_TIMEOUT_MS): requests, calls and the event pass in flight get this long. */
  @IsInt()
  @Min(0)
  @Max(600_000)
  drainTimeoutMs: number;

  @IsIn(['error', 'warn', 'log', 'debug'])
  logLevel: 'error' | 'warn' | 'log' | 'debug';

  /**
   * Web origins whose pages may call the HTTP API from a browser (CORS_ORIGINS, comma-separated,
   * e.g. `https://shop.example.com,http://localhost:5173`); none by default, so no cross-origin
   * page can read a response.
   */
  @IsArray()
  @IsString({ each: true })
  @Matches(ORIGIN, {
    each: true,
    message: ({ value }) => `each entry must be an origin, scheme://host[:port] with no path; not ${(value as string[]).filter((v) => !ORIGIN.test(v)).map((v) => JSON.stringify(v)).join(', ')}`,
  })
  corsOrigins: string[];
}

/** Within Kubernetes' default 30 s grace period, after a preStop pause (deploy/k8s). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

/** Reads --topology/--unit flags, then PORT, HOST, TOPOLOGY, UNIT, LOG_LEVEL, TRUST_PROXY, DRAIN_TIMEOUT_MS and CORS_ORIGINS; a bad value names its variable. */
export function appConfigFromEnv(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env, defaultUnit = 'monolith'): AppConfig {
  const flag = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    if (index >= 0) return argv[index + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const portText = env['PORT'] ?? '3000';
  if (!/^\d+$/.test(portText)) throw new ConfigError(`invalid configuration: PORT must be a whole number from 0 to 65535, got "${portText}"`);
  return validateConfig(
    AppConfig,
    {
      port: Number(portText),
      host: env['HOST'] ?? '0.0.0.0',
      topologyFile: flag('topology') ?? env['TOPOLOGY'] ?? 'topology/monolith.yaml',
      unit: flag('unit') ?? env['UNIT'] ?? defaultUnit,
      logLevel: env['LOG_LEVEL'] ?? 'log',
      trustProxy: booleanSetting(env['TRUST_PROXY']),
      drainTimeoutMs: wholeNumberSetting(env['DRAIN_TIMEOUT_MS'], DEFAULT_DRAIN_TIMEOUT_MS),
      corsOrigins: listSetting(env['CORS_ORIGINS']),
    },
    {
      port: 'PORT',
      host: 'HOST',
      topologyFile: 'TOPOLOGY (or --topology)',
      unit: 'UNIT (or --unit)',
      logLevel: 'LOG_LEVEL',
      trustProxy: 'TRUST_PROXY',
      drainTimeoutMs: 'DRAIN_TIMEOUT_MS',
      corsOrigins: 'CORS_ORIGINS',
    },
  );
}

// "true"/"false" become booleans; anything else stays as typed so validation names TRUST_PROXY.
function booleanSetting(value: string | undefined): unknown {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

// Digits become a number; anything else stays as typed so validation names the variable.
function wholeNumberSetting(value: string | undefined, fallback: number): unknown {
  if (value === undefined || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : value;
}

// "a, b" becomes ["a", "b"]; unset or blank is an empty list.
function listSetting(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
