import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule, JwksSource } from '@foodcourt/platform-auth';
import { MessagingModule, messagingConfigFromEnv } from '@foodcourt/platform-messaging';
import { ObservabilityModule, type Telemetry } from '@foodcourt/platform-observability';
import { PersistenceModule } from '@foodcourt/platform-persistence';
import { RemotePortsModule } from '@foodcourt/platform-ports';
import { type ResolvedUnit } from '@foodcourt/platform-topology';
import { DrainState } from './drain/drain-state';
import { DatabaseHealth } from './health/database-health';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observe/metrics.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { OverviewController } from './observe/overview.controller';
import { TracesController } from './observe/traces.controller';
import { UnitsMetrics } from './observe/units-metrics';
import { UnitsTraces } from './observe/units-traces';
import type { UnitBinary } from './unit-binary';
import { UNIT_TRANSPORTS } from './unit-transports';

/** The hosted domains' core modules, re-exported globally so each bound port is injectable anywhere. */
@Global()
@Module({})
class HostedPortsModule {}

/** Where identity is not hosted, the key set comes through the identity port. */
@Global()
@Module({})
class RemoteJwksModule {}

/**
 * The module of one unit: platform, the domains it hosts, remote bindings for the others,
 * and the HTTP API when it serves one. `telemetry` is the unit's tracing, metrics and log context;
 * `drain` says whether it has been told to stop (readiness).
 */
@Module({})
export class UnitModule {
  static forUnit(resolved: ResolvedUnit, binary: UnitBinary, telemetry: Telemetry, drain: DrainState = new DrainState()): DynamicModule {
    const { unit } = resolved;
    const hosted = unit.domains.map((domain) => binary.cores[domain]!);
    const ports: DynamicModule = { module: HostedPortsModule, imports: hosted, exports: hosted };
    const jwks: DynamicModule[] = unit.domains.includes('identity')
      ? []
      : [{ module: RemoteJwksModule, providers: [{ provide: JwksSource, useClass: binary.remoteJwksSource }], exports: [JwksSource] }];
    return {
      module: UnitModule,
      imports: [
        ObservabilityModule.forUnit(telemetry),
        PersistenceModule.forRoot(),
        RemotePortsModule.forUnit({ resolved, ports: binary.ports, transports: UNIT_TRANSPORTS }),
        MessagingModule.forRoot(messagingConfigFromEnv(), { eventInterest: binary.consumes }),
        AuthModule.forRoot(),
        ports,
        ...jwks,
        // A failed check is answered as NOT_READY and logged in one line by the HTTP error filter.
        TerminusModule.forRoot({ logger: false }),
        ...(unit.http !== false ? binary.http : []),
      ],
      controllers: [
        HealthController,
        // /metrics on the unit's own port unless METRICS_PORT gives it a listener of its own.
        ...(telemetry.metrics && telemetry.config.metricsPort === undefined ? [MetricsController] : []),
        ...(unit.http !== false ? [DashboardController, OverviewController, TracesController] : []),
      ],
      providers: [DatabaseHealth, UnitsTraces, UnitsMetrics, { provide: DrainState, useValue: drain }],
    };
  }
}
