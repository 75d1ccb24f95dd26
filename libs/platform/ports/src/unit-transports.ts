import { ConfigError } from '@foodcourt/platform-kernel';
import type { UnitTransport } from '@foodcourt/platform-wire';

/** The transports a binary ships, by kind: the topology picks one per unit among them. */
export class UnitTransports {
  private readonly byKind = new Map<string, UnitTransport>();

  constructor(transports: readonly UnitTransport[]) {
    for (const transport of transports) this.byKind.set(transport.kind, transport as UnitTransport);
  }

  of(kind: string): UnitTransport {
    const transport = this.byKind.get(kind);
    if (!transport) {
      throw new ConfigError(`invalid configuration: the topology uses transport "${kind}", this binary ships ${[...this.byKind.keys()].join(', ') || 'none'}`);
    }
    return transport;
  }
}
