import { ConfigError } from '@foodcourt/platform-kernel';
import { observabilityConfigFromEnv } from './observability-config';

describe('observabilityConfigFromEnv', () => {
  it('defaults: tracing on, kept in memory only, named after the unit, metrics on, JSON logs off a terminal', () => {
    expect(observabilityConfigFromEnv('orders', {}, false)).toMatchObject({
      tracingEnabled: true,
      serviceName: 'orders',
      sampler: 'parentbased_always_on',
      otlpTracesUrl: undefined,
      tracesKept: 200,
      metricsEnabled: true,
      metricsPort: undefined,
      logFormat: 'json',
    });
    expect(observabilityConfigFromEnv('orders', {}, true).logFormat).toBe('pretty');
  });

  it('honours the standard OTEL_* variables', () => {
    const config = observabilityConfigFromEnv('orders', {
      OTEL_SERVICE_NAME: 'shop-orders',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging,team=food',
    });
    expect(config).toMatchObject({ serviceName: 'shop-orders', sampler: 'parentbased_traceidratio', samplerRatio: 0.25, otlpTracesUrl: 'http://collector:4318/v1/traces' });
    expect(observabilityConfigFromEnv('x', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://tempo:4318/otlp/traces' }).otlpTracesUrl).toBe('https://tempo:4318/otlp/traces');
    expect(observabilityConfigFromEnv('x', { OTEL_TRACES_EXPORTER: 'otlp' }).otlpTracesUrl).toBe('http://localhost:4318/v1/traces');
    expect(observabilityConfigFromEnv('x', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).otlpTracesUrl).toBeUndefined();
    expect(observabilityConfigFromEnv('x', { OTEL_SDK_DISABLED: 'true', METRICS: 'off' })).toMatchObject({ tracingEnabled: false, metricsEnabled: false });
  });

  it.each([
    ['OTEL_SDK_DISABLED', 'yes'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
    ['OTEL_TRACES_SAMPLER_ARG', 'half'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_TRACES_EXPORTER', 'jaeger'],
    ['OTEL_RESOURCE_ATTRIBUTES', 'no-equals-sign'],
    ['OTEL_SERVICE_NAME', ''],
    ['TRACES_KEPT', '-1'],
    ['METRICS', 'maybe'],
    ['METRICS_PORT', '70000'],
    ['LOG_FORMAT', 'xml'],
  ])('refuses %s=%j with an error naming it', (name, value) => {
    const read = () => observabilityConfigFromEnv('orders', { [name]: value });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(name);
  });
});
