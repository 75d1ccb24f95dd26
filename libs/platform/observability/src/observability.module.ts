import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Server } from 'node:http';
import { HttpTraceInterceptor } from './http/http-trace.interceptor';
import { listenForScrapes } from './metrics/metrics-listener';
import { Telemetry } from './telemetry';

const METRICS_HOST = Symbol('foodcourt.metrics-host');

/** Opens METRICS_PORT when configured, and flushes the unit's spans when it stops. */
class TelemetryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private scrapes: Server | undefined;

  constructor(
    private readonly telemetry: Telemetry,
    @Inject(METRICS_HOST) private readonly host: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { metrics, config } = this.telemetry;
    if (metrics && config.metricsPort !== undefined) this.scrapes = await listenForScrapes(metrics, config.metricsPort, this.host);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.scrapes ? this.scrapes.close(() => resolve()) : resolve()));
    await this.telemetry.shutdown();
  }
}

/** The unit's Telemetry, injectable everywhere (global), and the interceptor that runs HTTP handlers inside their span. */
@Global()
@Module({})
export class ObservabilityModule {
  static forUnit(telemetry: Telemetry, metricsHost = '0.0.0.0'): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [
        { provide: Telemetry, useValue: telemetry },
        { provide: METRICS_HOST, useValue: metricsHost },
        { provide: TelemetryLifecycle, useFactory: (t: Telemetry, h: string) => new TelemetryLifecycle(t, h), inject: [Telemetry, METRICS_HOST] },
        ...(telemetry.tracer ? [{ provide: APP_INTERCEPTOR, useClass: HttpTraceInterceptor }] : []),
      ],
      exports: [Telemetry],
    };
  }
}
