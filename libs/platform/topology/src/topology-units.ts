import type { ResolvedUnit } from './load-topology';
import type { Topology, TopologyMethodOverride, TopologyUnit, TransportKind } from './topology.schema';

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

/** What a topology changes about calls to one port method; a field left out keeps the declaration's. */
export interface MethodOverride {
  timeoutMs?: number;
  retries?: number;
}

/**
 * The per-method overrides for the calls `resolved`'s unit makes, by `<domain>.<method>`: the
 * topology's `methods`, then the unit's own (field by field: a unit setting only retries keeps the
 * topology's timeoutMs). Only remote calls read them; in-process calls have no deadline.
 */
export function methodOverridesOf(resolved: ResolvedUnit): Map<string, MethodOverride> {
  const overrides = new Map<string, MethodOverride>();
  const apply = (entries: readonly TopologyMethodOverride[] | undefined) => {
    for (const { method, timeoutMs, retries } of entries ?? []) {
      const merged = { ...overrides.get(method) };
      if (timeoutMs !== undefined) merged.timeoutMs = timeoutMs;
      if (retries !== undefined) merged.retries = retries;
      overrides.set(method, merged);
    }
  };
  apply(resolved.topology.methods);
  apply(resolved.unit.methods);
  return overrides;
}
