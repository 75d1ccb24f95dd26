import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { PortApi, PortDefinition } from '../ports/port-definition';
import type { ResolvedUnit } from '../topology/load-topology';
import { createPortHandlers } from './port-handlers';
import { createRemoteBinding } from './remote-binding';
import { remoteCaller } from './remote-call';
import { RpcHandlers } from './rpc-handlers';
import { connectToUnit, type UnitConnection } from './transport-clients';
import { hostUnits, peerUnits, unitEndpoints, type UnitEndpoint } from './unit-endpoints';
import { startUnitServer, type UnitServer } from './unit-server';

/** This unit's place in its topology: who it is, where every unit is, and which units it sends events to. */
export class UnitDirectory {
  constructor(
    readonly resolved: ResolvedUnit,
    readonly endpoints: Map<string, UnitEndpoint>,
  ) {}

  get self(): string {
    return this.resolved.unit.name;
  }

  /** Units hosting at least one domain, except this one. */
  peers(): string[] {
    return peerUnits(this.resolved);
  }

  endpoint(unit: string): UnitEndpoint {
    const endpoint = this.endpoints.get(unit);
    if (!endpoint) throw new Error(`no endpoint for unit "${unit}"`);
    return endpoint;
  }
}

/** One lazily opened connection per other unit, closed at shutdown. */
@Injectable()
export class UnitConnections implements BeforeApplicationShutdown {
  private readonly connections = new Map<string, UnitConnection>();

  constructor(private readonly directory: UnitDirectory) {}

  to(unit: string): UnitConnection {
    let connection = this.connections.get(unit);
    if (!connection) {
      connection = connectToUnit(this.directory.endpoint(unit));
      this.connections.set(unit, connection);
    }
    return connection;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close().catch(() => undefined)));
    this.connections.clear();
  }
}

const HOSTED_PORTS = Symbol('foodcourt.hosted-ports');

/** Serves this unit's hosted ports and every other registered pattern on its transport, once the app has bootstrapped. */
@Injectable()
export class UnitServerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('UnitServer');
  private server: UnitServer | undefined;

  constructor(
    private readonly directory: UnitDirectory,
    private readonly handlers: RpcHandlers,
    private readonly moduleRef: ModuleRef,
    @Inject(HOSTED_PORTS) private readonly hostedPorts: PortDefinition[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A unit alone in its topology (the monolith) has nobody to answer.
    if (this.directory.resolved.topology.units.length < 2 || this.directory.resolved.unit.domains.length === 0) return;
    for (const port of this.hostedPorts) {
      const binding = this.moduleRef.get<PortApi<PortDefinition>>(port.token, { strict: false });
      for (const [pattern, handler] of createPortHandlers(port, binding)) this.handlers.register(pattern, handler);
    }
    const endpoint = this.directory.endpoint(this.directory.self);
    this.server = await startUnitServer(endpoint, this.handlers.entries());
    const where = endpoint.transport === 'tcp' ? `${endpoint.host}:${endpoint.port}` : `${endpoint.url} (${endpoint.namespace})`;
    this.logger.log(`unit "${this.directory.self}" answers ${this.handlers.entries().length} patterns over ${endpoint.transport} ${where}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

/** What a binary tells RemotePortsModule: its resolved unit and the port of every domain a topology may name. */
export interface RemotePortsOptions {
  resolved: ResolvedUnit;
  ports: Record<string, PortDefinition>;
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
  static forUnit({ resolved, ports, env = process.env }: RemotePortsOptions): DynamicModule {
    const directory = new UnitDirectory(resolved, unitEndpoints(resolved.topology, env));
    const hosts = hostUnits(resolved.topology);
    const remoteBindings: Provider[] = resolved.remoteDomains.map((domain) => {
      const port = ports[domain];
      if (!port) throw new Error(`no port declaration for domain "${domain}"`);
      return {
        provide: port.token,
        useFactory: (connections: UnitConnections) => createRemoteBinding(port, remoteCaller(domain, connections.to(hosts.get(domain)!))),
        inject: [UnitConnections],
      };
    });
    const hosted = resolved.unit.domains.map((domain) => ports[domain]).filter((p): p is PortDefinition => p !== undefined);
    return {
      module: RemotePortsModule,
      providers: [
        { provide: UnitDirectory, useValue: directory },
        { provide: HOSTED_PORTS, useValue: hosted },
        RpcHandlers,
        UnitConnections,
        UnitServerHost,
        ...remoteBindings,
      ],
      exports: [UnitDirectory, RpcHandlers, UnitConnections, ...remoteBindings.map((p) => (p as { provide: symbol }).provide)],
    };
  }
}
