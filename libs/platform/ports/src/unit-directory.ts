import { consumingUnits, peerUnits, type ResolvedUnit } from '@foodcourt/platform-topology';
import type { UnitEndpoint, UnitTransport } from '@foodcourt/platform-wire';
import type { UnitTransports } from './unit-transports';

/** This unit's place in its topology: who it is, where every unit is, and how each is reached. */
export class UnitDirectory {
  constructor(
    readonly resolved: ResolvedUnit,
    readonly endpoints: Map<string, UnitEndpoint>,
    readonly transports: UnitTransports,
  ) {}

  get self(): string {
    return this.resolved.unit.name;
  }

  /** Whether another unit shares the topology (the monolith has none). */
  get alone(): boolean {
    return this.resolved.topology.units.length < 2;
  }

  /** Units hosting at least one domain, except this one. */
  peers(): string[] {
    return peerUnits(this.resolved);
  }

  /** Units hosting at least one domain, this one included. */
  consumers(): string[] {
    return consumingUnits(this.resolved.topology);
  }

  endpoint(unit: string): UnitEndpoint {
    const endpoint = this.endpoints.get(unit);
    if (!endpoint) throw new Error(`no endpoint for unit "${unit}"`);
    return endpoint;
  }

  /** The transport that reaches `unit`. */
  transportOf(unit: string): UnitTransport {
    return this.transports.of(this.endpoint(unit).transport);
  }
}
