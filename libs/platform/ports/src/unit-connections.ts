import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { UnitConnection } from '@foodcourt/platform-wire';
import { remoteCaller, type RemoteCaller } from './remote-call';
import { UnitDirectory } from './unit-directory';

/** One lazily opened connection per other unit, closed at shutdown. */
@Injectable()
export class UnitConnections implements BeforeApplicationShutdown {
  private readonly connections = new Map<string, UnitConnection>();
  private readonly callers = new Map<string, RemoteCaller>();

  constructor(private readonly directory: UnitDirectory) {}

  to(unit: string): UnitConnection {
    let connection = this.connections.get(unit);
    if (!connection) {
      connection = this.directory.transportOf(unit).connect(this.directory.endpoint(unit));
      this.connections.set(unit, connection);
    }
    return connection;
  }

  /** Platform calls to a unit (events, operator requests): a 503 names "unit <name>". */
  callerOf(unit: string): RemoteCaller {
    let caller = this.callers.get(unit);
    if (!caller) {
      caller = remoteCaller(`unit ${unit}`, this.to(unit));
      this.callers.set(unit, caller);
    }
    return caller;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close().catch(() => undefined)));
    this.connections.clear();
    this.callers.clear();
  }
}
