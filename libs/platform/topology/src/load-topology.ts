import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parse } from 'yaml';
import { validateDto, ValidationFailedError, type PortDefinition } from '@foodcourt/platform-kernel';
import { Topology, type TopologyMethodOverride, type TopologyUnit } from './topology.schema';

/** A topology that cannot be used; the message is one line naming the file and the problem. */
export class TopologyError extends Error {}

/** What a binary knows: every domain a topology may name, and the ones this binary can host. */
export interface TopologyRequirements {
  knownDomains: readonly string[];
  hostableDomains: readonly string[];
  /**
   * Every domain's port declaration (a binary's `ports`): per-method overrides must name a method
   * one declares, and may set retries only for an idempotent one. Without it, an override is only
   * checked for naming a known domain.
   */
  ports?: Readonly<Record<string, PortDefinition>>;
}

/** The unit this process is, resolved against its topology. */
export interface ResolvedUnit {
  topology: Topology;
  unit: TopologyUnit;
  /** Domains another unit hosts: this process reaches them remotely. */
  remoteDomains: string[];
}

/** Reads, parses and validates a topology file, then resolves `unitName` in it. Throws TopologyError. */
export function loadTopology(file: string, unitName: string, requirements: TopologyRequirements): ResolvedUnit {
  const topology = parseTopology(file, readTopologyFile(file));
  return resolveUnit(file, topology, unitName, requirements);
}

function readTopologyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new TopologyError(`topology file ${file} cannot be read: ${(error as Error).message}`);
  }
}

/** Parses YAML text into a validated Topology. */
export function parseTopology(file: string, text: string): Topology {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new TopologyError(`topology file ${file} is not valid YAML: ${firstLine((error as Error).message)}`);
  }
  try {
    return validateDto(Topology, raw);
  } catch (error) {
    if (error instanceof ValidationFailedError) {
      throw new TopologyError(`topology file ${file} is invalid: ${error.message.replace(/^Invalid input: /, '')}`);
    }
    throw error;
  }
}

/** Checks the topology as a whole and picks out one unit. */
export function resolveUnit(
  file: string,
  topology: Topology,
  unitName: string,
  { knownDomains, hostableDomains, ports }: TopologyRequirements,
): ResolvedUnit {
  const fail = (problem: string): never => {
    throw new TopologyError(`topology file ${file}: ${problem}`);
  };
  const hostOf = new Map<string, string>();
  const unitNames = new Set<string>();
  for (const unit of topology.units) {
    if (unitNames.has(unit.name)) fail(`unit "${unit.name}" is declared twice`);
    unitNames.add(unit.name);
    for (const domain of unit.domains) {
      if (!knownDomains.includes(domain)) {
        fail(`unit "${unit.name}" names unknown domain "${domain}" (known: ${knownDomains.join(', ')})`);
      }
      const other = hostOf.get(domain);
      if (other) fail(`domain "${domain}" is hosted twice, by "${other}" and "${unit.name}"`);
      hostOf.set(domain, unit.name);
    }
  }
  for (const unit of topology.units) {
    const transport = unit.transport ?? topology.transport ?? 'tcp';
    if (transport === 'tcp' && unit.domains.length > 0 && !unit.address && !unit.addresses && topology.units.length > 1) {
      fail(`unit "${unit.name}" hosts ${unit.domains.join(', ')} over tcp but has no address (host:port)`);
    }
    checkReplicas(unit, transport, fail);
  }
  checkMethodOverrides('the topology', topology.methods, knownDomains, ports, fail);
  for (const unit of topology.units) checkMethodOverrides(`unit "${unit.name}"`, unit.methods, knownDomains, ports, fail);
  const orphans = knownDomains.filter((d) => !hostOf.has(d));
  if (orphans.length > 0) fail(`no unit hosts ${orphans.map((d) => `"${d}"`).join(', ')}`);

  const unit = topology.units.find((u) => u.name === unitName);
  if (!unit) fail(`there is no unit "${unitName}" (units: ${[...unitNames].join(', ')})`);
  const missing = unit!.domains.filter((d) => !hostableDomains.includes(d));
  if (missing.length > 0) {
    fail(`unit "${unitName}" hosts ${missing.join(', ')}, which this binary does not contain (it can host: ${hostableDomains.join(', ')})`);
  }
  return { topology, unit: unit!, remoteDomains: knownDomains.filter((d) => !unit!.domains.includes(d)) };
}

/**
 * A unit run as replicas over TCP needs an address per replica, or one Service name (Kubernetes
 * spreads the connections); a unit hosting no domain (the gateway) holds no state to share.
 */
function checkReplicas(unit: TopologyUnit, transport: string, fail: (problem: string) => never): void {
  const replicas = unit.replicas ?? 1;
  if (unit.address && unit.addresses) fail(`unit "${unit.name}" has both address and addresses: give one of them`);
  if (transport !== 'tcp') {
    if (unit.addresses) fail(`unit "${unit.name}" has addresses but is reached over ${transport}: addresses are for tcp`);
    return;
  }
  if (unit.addresses && unit.addresses.length !== replicas) {
    fail(`unit "${unit.name}" has ${unit.addresses.length} addresses for ${replicas} replica(s): give one address per replica`);
  }
  if (replicas > 1 && !unit.addresses && (!unit.address || isIP(unit.address.split(':')[0]!) !== 0)) {
    fail(`unit "${unit.name}" has replicas: ${replicas} over tcp: give one address per replica (addresses: [host:port, …]) or one Service name as its address`);
  }
}

/** Each override names a declared method once, sets something, and retries only an idempotent method. */
function checkMethodOverrides(
  owner: string,
  overrides: readonly TopologyMethodOverride[] | undefined,
  knownDomains: readonly string[],
  ports: TopologyRequirements['ports'],
  fail: (problem: string) => never,
): void {
  const seen = new Set<string>();
  for (const override of overrides ?? []) {
    const name = override.method;
    if (seen.has(name)) fail(`${owner} overrides method "${name}" twice`);
    seen.add(name);
    const [domain = '', method = ''] = name.split('.');
    if (!knownDomains.includes(domain)) fail(`${owner} overrides unknown method "${name}" (no domain "${domain}"; known: ${knownDomains.join(', ')})`);
    const port = ports?.[domain];
    const spec = port && Object.hasOwn(port.methods, method) ? port.methods[method] : undefined;
    if (port && !spec) fail(`${owner} overrides unknown method "${name}" (${domain} declares: ${Object.keys(port.methods).join(', ')})`);
    if (override.timeoutMs === undefined && override.retries === undefined) fail(`${owner} overrides method "${name}" but sets neither timeoutMs nor retries`);
    if (override.retries !== undefined && spec && !spec.idempotent) {
      fail(`${owner} sets retries for "${name}", which is not idempotent: only idempotent methods are retried`);
    }
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
