import { ConfigError } from '@foodcourt/platform-kernel';
import { addressVariable, type EndpointInput, type UnitEndpoint } from '@foodcourt/platform-wire';

/** A unit reached over TCP at host:port. */
export interface TcpEndpoint extends UnitEndpoint {
  readonly transport: 'tcp';
  readonly host: string;
  readonly port: number;
}

/** The unit's address: UNIT_<NAME>_ADDRESS, else the topology's `address`, else any free port on loopback. */
export function tcpEndpoint({ unit, address, namespace, env }: EndpointInput): TcpEndpoint {
  const variable = addressVariable(unit);
  const value = env[variable] || address || '127.0.0.1:0';
  const match = /^([^\s:]+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) {
    throw new ConfigError(`invalid configuration: ${variable} must be host:port, got "${value}"`);
  }
  return { unit, transport: 'tcp', namespace, host: match[1]!, port };
}
