import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError, validateConfig } from '@foodcourt/platform-kernel';

export const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

/**
 * How a unit observes itself: OpenTelemetry's standard OTEL_* variables for tracing (the subset
 * this build honours, each checked, so a typo stops start-up instead of silently sampling nothing),
 * and Foodcourt's own for metrics and log format.
 */
export class ObservabilityConfig {
  /** OTEL_SDK_DISABLED=true: no spans, no trace ids in logs, port calls unwrapped. */
  @IsBoolean()
  tracingEnabled: boolean;

  @IsString()
  @MinLength(1)
  serviceName: string;

  @IsIn(SAMPLERS)
  sampler: SamplerName;

  /** The ratio of the *traceidratio samplers. */
  @IsNumber()
  @Min(0)
  @Max(1)
  samplerRatio: number;

  /** Where spans are sent (OTLP over HTTP, JSON); none: kept in memory only. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  otlpTracesUrl?: string;

  /** `key=value,key=value` added to every span's resource. */
  @IsString()
  @Matches(/^$|^[^=,\s]+=[^,]*(,[^=,\s]+=[^,]*)*$/, { message: 'must be a comma-separated list of key=value pairs' })
  resourceAttributes: string;

  /** How many recent traces the unit keeps in memory for the dashboard. */
  @IsInt()
  @Min(0)
  @Max(100_000)
  tracesKept: number;

  @IsBoolean()
  metricsEnabled: boolean;

  /** A separate listener for /metrics (what a Prometheus scrape config names); unset: the unit's own port. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65_535)
  metricsPort?: number;

  @IsIn(['json', 'pretty'])
  logFormat: 'json' | 'pretty';
}

const SOURCES: Record<keyof ObservabilityConfig, string> = {
  tracingEnabled: 'OTEL_SDK_DISABLED',
  serviceName: 'OTEL_SERVICE_NAME',
  sampler: 'OTEL_TRACES_SAMPLER',
  samplerRatio: 'OTEL_TRACES_SAMPLER_ARG',
  otlpTracesUrl: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (or OTEL_EXPORTER_OTLP_ENDPOINT)',
  resourceAttributes: 'OTEL_RESOURCE_ATTRIBUTES',
  tracesKept: 'TRACES_KEPT',
  metricsEnabled: 'METRICS',
  metricsPort: 'METRICS_PORT',
  logFormat: 'LOG_FORMAT',
};

/**
 * Reads OTEL_SDK_DISABLED, OTEL_SERVICE_NAME (default: the unit's name), OTEL_TRACES_SAMPLER(_ARG),
 * OTEL_TRACES_EXPORTER (otlp | none), OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL
 * (http/json only), OTEL_RESOURCE_ATTRIBUTES, TRACES_KEPT, METRICS (on | off), METRICS_PORT and
 * LOG_FORMAT (json | pretty; default pretty on a terminal). A bad value throws ConfigError naming it.
 */
export function observabilityConfigFromEnv(unit: string, env: NodeJS.ProcessEnv = process.env, stdoutIsTerminal = Boolean(process.stdout.isTTY)): ObservabilityConfig {
  const protocol = env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'];
  if (protocol !== undefined && protocol !== 'http/json') {
    throw new ConfigError(`invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL must be "http/json" (the only OTLP protocol this build sends), got "${protocol}"`);
  }
  const exporter = env['OTEL_TRACES_EXPORTER'];
  if (exporter !== undefined && exporter !== 'otlp' && exporter !== 'none') {
    throw new ConfigError(`invalid configuration: OTEL_TRACES_EXPORTER must be "otlp" or "none", got "${exporter}"`);
  }
  const sampler = env['OTEL_TRACES_SAMPLER'] ?? 'parentbased_always_on';
  return validateConfig(
    ObservabilityConfig,
    {
      tracingEnabled: notTrue(env['OTEL_SDK_DISABLED']),
      serviceName: env['OTEL_SERVICE_NAME'] ?? unit,
      sampler,
      samplerRatio: numberOr(env['OTEL_TRACES_SAMPLER_ARG'], 1),
      otlpTracesUrl: exporter === 'none' ? undefined : otlpTracesUrl(env, exporter === 'otlp'),
      resourceAttributes: env['OTEL_RESOURCE_ATTRIBUTES'] ?? '',
      tracesKept: numberOr(env['TRACES_KEPT'], 200),
      metricsEnabled: onOff(env['METRICS']),
      metricsPort: env['METRICS_PORT'] === undefined || env['METRICS_PORT'] === '' ? undefined : numberOr(env['METRICS_PORT'], NaN),
      logFormat: env['LOG_FORMAT'] ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    },
    SOURCES,
  );
}

/** The traces URL as the OTLP exporter spec derives it: a signal-specific endpoint as is, the base one + /v1/traces. */
function otlpTracesUrl(env: NodeJS.ProcessEnv, asked: boolean): string | undefined {
  const specific = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (specific) return specific;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (base) return `${base.replace(/\/+$/, '')}/v1/traces`;
  return asked ? 'http://localhost:4318/v1/traces' : undefined;
}

// "true" disables; "false" or unset leaves enabled; anything else stays as typed so validation names the variable.
function notTrue(value: string | undefined): unknown {
  if (value === undefined || value === '' || value === 'false') return true;
  return value === 'true' ? false : value;
}

function onOff(value: string | undefined): unknown {
  if (value === undefined || value === '' || value === 'on') return true;
  return value === 'off' ? false : value;
}

function numberOr(value: string | undefined, fallback: number): unknown {
  if (value === undefined || value === '') return fallback;
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}
