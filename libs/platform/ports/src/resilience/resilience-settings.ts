import type { ResolvedUnit } from '@foodcourt/platform-topology';

/** The breaker and bulkhead settings a unit applies to its remote calls. */
export interface ResilienceSettings {
  breakerFailures: number;
  breakerHalfOpenMs: number;
  bulkheadConcurrent: number;
  bulkheadQueue: number;
}

/** Defaults: 5 failures in a row open a breaker for 5 s; 256 calls in flight per peer unit, 1,024 waiting. */
export const DEFAULT_RESILIENCE: ResilienceSettings = { breakerFailures: 5, breakerHalfOpenMs: 5_000, bulkheadConcurrent: 256, bulkheadQueue: 1_024 };

/** The defaults, then the topology's `resilience`, then this unit's own. */
export function resilienceOf(resolved: ResolvedUnit): ResilienceSettings {
  const defined = <T extends object>(value: T | undefined) => Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_RESILIENCE, ...defined(resolved.topology.resilience), ...defined(resolved.unit.resilience) };
}
