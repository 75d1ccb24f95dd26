import { addressVariable } from '@foodcourt/platform-wire';
import { defaultEntry } from '@foodcourt/platform-testing';
import { transportOf, type Topology, type TopologyUnit, type TransportKind } from '@foodcourt/platform-topology';

/** Where the rendered pods and containers find their topology file. */
export const TOPOLOGY_MOUNT = '/etc/foodcourt';
export const TOPOLOGY_PATH = `${TOPOLOGY_MOUNT}/topology.yaml`;
/** Every unit serves /health (and, an HTTP unit, the API) on this port inside its pod or container. */
export const HTTP_PORT = 3000;
/** preStop pause + DRAIN_TIMEOUT_MS must end inside the grace period (docs/adr/0011): 5 s + 20 s < 30 s. */
export const PRE_STOP_SECONDS = 5;
export const DRAIN_TIMEOUT_MS = 20_000;
export const GRACE_SECONDS = 30;

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASES: readonly DatabaseKind[] = ['sqlite', 'postgres'];

/** What both renderers need to know about one unit. */
export interface UnitDeployment {
  name: string;
  domains: string[];
  /** The app under apps/ the unit runs; its image is foodcourt-<app>. */
  app: string;
  image: string;
  transport: TransportKind;
  /** Serves the HTTP API to clients (the others serve /health only). */
  http: boolean;
  /** The TCP port other units call it on, when it is reached over TCP. */
  rpcPort?: number;
  /** Processes to run (the topology's `replicas`, default 1); declared ones get an autoscaler. */
  replicas: number;
  declaresReplicas: boolean;
}

/** A topology as it will be deployed. */
export interface DeploymentPlan {
  topology: Topology;
  units: UnitDeployment[];
  db: DatabaseKind;
  /** The brokers some unit is reached over (its transport needs one). */
  brokers: ('nats' | 'rabbitmq')[];
}

/** The app a unit runs: the harness's choice (defaultEntry), so tests and deployments start the same binary. */
export function appOf(unit: TopologyUnit): string {
  return /^apps\/([^/]+)\/src\/main\.ts$/.exec(defaultEntry(unit))![1]!;
}

function portOf(address: string): number {
  return Number(address.slice(address.lastIndexOf(':') + 1));
}

export function planDeployment(topology: Topology, version: string, db: DatabaseKind): DeploymentPlan {
  const units = topology.units.map((unit): UnitDeployment => {
    const app = appOf(unit);
    const transport = transportOf(topology, unit);
    const address = unit.address ?? unit.addresses?.[0];
    return {
      name: unit.name,
      domains: [...unit.domains],
      app,
      image: `foodcourt-${app}:${version}`,
      transport,
      http: unit.http !== false,
      ...(transport === 'tcp' && address ? { rpcPort: portOf(address) } : {}),
      replicas: unit.replicas ?? 1,
      declaresReplicas: unit.replicas !== undefined,
    };
  });
  const brokers = (['nats', 'rabbitmq'] as const).filter((b) => units.some((u) => u.transport === b));
  return { topology, units, db, brokers };
}

/**
 * The topology the deployed units read: each address the unit's DNS name (its Service, or its
 * compose service) on the same port. Replicas over TCP sit behind that one name, so `addresses`
 * becomes one `address` (the runtime spreads connections over what the name resolves to).
 */
export function deployedTopology(topology: Topology): Topology {
  return {
    ...topology,
    units: topology.units.map(({ addresses, ...unit }) => {
      const address = unit.address ?? addresses?.[0];
      return address ? { ...unit, address: `${unit.name}:${portOf(address)}` } : unit;
    }),
  } as Topology;
}

/** UNIT_<NAME>_ADDRESS: the unit binds every interface of its pod, not its Service's address. */
function selfAddressEnv(unit: UnitDeployment): Record<string, string> {
  return unit.rpcPort === undefined ? {} : { [addressVariable(unit.name)]: `0.0.0.0:${unit.rpcPort}` };
}

/**
 * The plain (secret-free) settings every unit gets, on Kubernetes and in compose alike: its topology,
 * who it is, where it listens, how long it drains, and where a unit with domains keeps its data.
 */
export function unitEnvOf(plan: DeploymentPlan, unit: UnitDeployment): Record<string, string> {
  return {
    TOPOLOGY: TOPOLOGY_PATH,
    UNIT: unit.name,
    ...selfAddressEnv(unit),
    PORT: String(HTTP_PORT),
    DRAIN_TIMEOUT_MS: String(DRAIN_TIMEOUT_MS),
    ...(unit.domains.length > 0 ? (plan.db === 'sqlite' ? { DATA_DIR: '/data' } : { DB_DRIVER: 'postgres' }) : {}),
  };
}
