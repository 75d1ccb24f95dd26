/** How to reach one unit. Each transport adds its own fields (a TCP address, a broker URL). */
export interface UnitEndpoint {
  readonly unit: string;
  readonly transport: string;
  /** Prefix of broker subjects and queues, so two deployments can share a broker. */
  readonly namespace: string;
}

/** What a transport reads a unit's endpoint from: the topology file's values and the environment. */
export interface EndpointInput {
  unit: string;
  /** The topology file's `address` of the unit, if any. */
  address: string | undefined;
  /** The topology file's `addresses` of a unit run as replicas (one per replica), if any. */
  addresses?: readonly string[] | undefined;
  /** The topology file's broker URL for this transport, if any. */
  brokerUrl: string | undefined;
  namespace: string;
  env: NodeJS.ProcessEnv;
}

/** Env var that overrides a unit's address, e.g. UNIT_PAYMENTS_ADDRESS=payments:4101 on Kubernetes. */
export function addressVariable(unit: string): string {
  return `UNIT_${unit.toUpperCase().replace(/-/g, '_')}_ADDRESS`;
}

/** Env var telling a replica which of its unit's addresses is its own (0-based; default 0). */
export const REPLICA_INDEX_VARIABLE = 'UNIT_REPLICA_INDEX';
