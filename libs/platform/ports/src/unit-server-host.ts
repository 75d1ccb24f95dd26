import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { PortApi, PortDefinition } from '@foodcourt/platform-kernel';
import { Telemetry } from '@foodcourt/platform-observability';
import type { UnitServer } from '@foodcourt/platform-wire';
import { createPortHandlers } from './port-handlers';
import { RpcHandlers } from './rpc-handlers';
import { UnitDirectory } from './unit-directory';

export const HOSTED_PORTS = Symbol('foodcourt.hosted-ports');

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
    @Optional() private readonly telemetry?: Telemetry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A unit alone in its topology (the monolith) has nobody to answer; a gateway hosts nothing.
    if (this.directory.alone || this.directory.resolved.unit.domains.length === 0) return;
    const self = this.directory.self;
    const transport = this.directory.transportOf(self).kind;
    for (const port of this.hostedPorts) {
      const binding = this.moduleRef.get<PortApi<PortDefinition>>(port.token, { strict: false });
      for (const [pattern, handler] of createPortHandlers(port, binding, this.telemetry, transport)) this.handlers.register(pattern, handler);
    }
    this.server = await this.directory.transportOf(self).listen(this.directory.endpoint(self), this.handlers.entries());
    this.logger.log(`unit "${self}" answers ${this.handlers.entries().length} patterns over ${this.server.where}`);
  }

  /** Calls this unit is answering right now (0 when it serves none). */
  get callsInFlight(): number {
    return this.server?.inFlight ?? 0;
  }

  /** Stops taking calls and resolves once the calls already taken are answered (a graceful stop; see platform-host's drain). */
  async drain(): Promise<void> {
    await this.server?.drain();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
