import type { ResolvedUnit } from './load-topology';
import type { Topology, TopologyUnit, TransportKind } from './topology.schema';

/** The transport other units use to reach `unit`. */
export function transportOf(topology: Topology, unit: TopologyUnit): TransportKind {
  return unit.transport ?? topology.transport ?? 'tcp';
}

/** The unit hosting each domain. */
export function hostUnits(topology: Topology): Map<string, string> {
  const hosts = new Map<string, string>();
  for (const unit of topology.units) for (const domain of unit.domains) hosts.set(domain, unit.name);
  return hosts;
}

/** Every unit hosting at least one domain (the ones events are for). */
export function consumingUnits(topology: Topology): string[] {
  return topology.units.filter((u) => u.domains.length > 0).map((u) => u.name);
}

/** Units other than this one hosting a domain: the ones a relay must hand events to. */
export function peerUnits(resolved: ResolvedUnit): string[] {
  return consumingUnits(resolved.topology).filter((name) => name !== resolved.unit.name);
}
