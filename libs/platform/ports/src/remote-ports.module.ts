import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { PortDefinition } from '@foodcourt/platform-kernel';
import { instrumentPort, Telemetry } from '@foodcourt/platform-observability';
import { hostUnits, methodOverridesOf, type ResolvedUnit } from '@foodcourt/platform-topology';
import type { UnitTransport } from '@foodcourt/platform-wire';
import { createRemoteBinding } from './remote-binding';
import { remoteCaller } from './remote-call';
import { RpcHandlers } from './rpc-handlers';
import { UnitConnections } from './unit-connections';
import { UnitDirectory } from './unit-directory';
import { unitEndpoints } from './unit-endpoints';
import { UnitEvents } from './unit-events';
import { HOSTED_PORTS, UnitServerHost } from './unit-server-host';
import { UnitTransports } from './unit-transports';
import { DependencyGuards } from './resilience/dependency-guards';
import { ResilienceMetrics } from './resilience/resilience-metrics';
import { resilienceOf } from './resilience/resilience-settings';

/** What a binary tells RemotePortsModule: its resolved unit, the port of every domain a topology may name, the transports it ships. */
export interface RemotePortsOptions {
  resolved: ResolvedUnit;
  ports: Record<string, PortDefinition>;
  transports: readonly UnitTransport[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Binds every domain this unit does not host to a remote proxy (derived from its port
 * declaration) and serves the domains it hosts on its transport. Global: any module may
 * inject a port token, local or remote, without knowing which.
 */
@Global()
@Module({})
export class RemotePortsModule {
  static forUnit({ resolved, ports, transports, env = process.env }: RemotePortsOptions): DynamicModule {
    const shipped = new UnitTransports(transports);
    const directory = new UnitDirectory(resolved, unitEndpoints(resolved.topology, shipped, env), shipped);
    const hosts = hostUnits(resolved.topology);
    const guards = new DependencyGuards(resilienceOf(resolved));
    const overrides = methodOverridesOf(resolved);
    const remoteBindings: Provider[] = resolved.remoteDomains.map((domain) => {
      const port = ports[domain];
      if (!port) throw new Error(`no port declaration for domain "${domain}"`);
      const host = hosts.get(domain)!;
      const place = { binding: 'remote' as const, transport: directory.transportOf(host).kind, peerUnit: host };
      return {
        provide: port.token,
        useFactory: (connections: UnitConnections, telemetry?: Telemetry) => {
          const headers = telemetry?.tracer ? () => telemetry.outgoingHeaders() : undefined;
          return instrumentPort(port, createRemoteBinding(port, remoteCaller(domain, connections.to(host), guards.of(domain, host)), headers, overrides), place, telemetry);
        },
        inject: [UnitConnections, { token: Telemetry, optional: true }],
      };
    });
    const hosted = resolved.unit.domains.map((domain) => ports[domain]).filter((p): p is PortDefinition => p !== undefined);
    return {
      module: RemotePortsModule,
      providers: [
        { provide: UnitDirectory, useValue: directory },
        { provide: DependencyGuards, useValue: guards },
        ResilienceMetrics,
        { provide: HOSTED_PORTS, useValue: hosted },
        RpcHandlers,
        UnitConnections,
        UnitEvents,
        UnitServerHost,
        ...remoteBindings,
      ],
      exports: [UnitDirectory, DependencyGuards, RpcHandlers, UnitConnections, UnitEvents, ...remoteBindings.map((p) => (p as { provide: symbol }).provide)],
    };
  }
}
