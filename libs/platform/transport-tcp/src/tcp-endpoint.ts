import { ConfigError } from '@foodcourt/platform-kernel';
import { addressVariable, REPLICA_INDEX_VARIABLE, type EndpointInput, type UnitEndpoint } from '@foodcourt/platform-wire';

/** host:port of one process. */
export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

/** A unit reached over TCP at host:port, or at one of its replicas' addresses. */
export interface TcpEndpoint extends UnitEndpoint, TcpAddress {
  readonly transport: 'tcp';
  /** Every replica's address, callers spread calls over them; host:port is this replica's own (the one it listens on). */
  readonly replicas?: readonly TcpAddress[];
}

/**
 * The unit's addresses: UNIT_<NAME>_ADDRESS (one host:port, or a comma-separated list for
 * replicas), else the topology's `addresses` or `address`, else any free port on loopback. A
 * replica listens on the address at UNIT_REPLICA_INDEX (default 0) of the list.
 */
export function tcpEndpoint({ unit, address, addresses, namespace, env }: EndpointInput): TcpEndpoint {
  const variable = addressVariable(unit);
  const value = env[variable] || (addresses && addresses.length > 0 ? addresses.join(',') : undefined) || address || '127.0.0.1:0';
  const replicas = value.split(',').map((one) => parseAddress(variable, one.trim(), value));
  const own = replicas[replicaIndex(env, replicas.length)]!;
  return { unit, transport: 'tcp', namespace, host: own.host, port: own.port, ...(replicas.length > 1 ? { replicas } : {}) };
}

function parseAddress(variable: string, one: string, value: string): TcpAddress {
  const match = /^([^\s:]+):(\d{1,5})$/.exec(one);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) {
    throw new ConfigError(`invalid configuration: ${variable} must be host:port (or a comma-separated list of them), got "${value}"`);
  }
  return { host: match[1]!, port };
}

/** Which of the addresses this process listens on, when its unit has several. */
function replicaIndex(env: NodeJS.ProcessEnv, count: number): number {
  const raw = env[REPLICA_INDEX_VARIABLE];
  if (raw === undefined || raw === '') return 0;
  const index = Number(raw);
  // Only this process's own unit is read with its index; for a unit with one address it means nothing.
  if (count === 1) return 0;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new ConfigError(`invalid configuration: ${REPLICA_INDEX_VARIABLE} must be a whole number from 0 to ${count - 1} (the unit has ${count} addresses), got "${raw}"`);
  }
  return index;
}
