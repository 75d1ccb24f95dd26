import { TRANSPORTS, type Topology, type TopologyUnit, type TransportKind } from '@foodcourt/platform-topology';

/** A request the generator refuses; its message is the one line `nx g` prints. */
export class ExtractError extends Error {}

/** TCP ports of the extracted topology start here (the shipped ones use 4100–4106). */
const FIRST_PORT = 4100;

function portsIn(topology: Topology): Set<number> {
  const addresses = topology.units.flatMap((u) => [...(u.address ? [u.address] : []), ...(u.addresses ?? [])]);
  return new Set(addresses.map((a) => Number(a.slice(a.lastIndexOf(':') + 1))));
}

function freePort(taken: Set<number>): number {
  let port = FIRST_PORT;
  while (taken.has(port)) port++;
  taken.add(port);
  return port;
}

export function checkTransport(transport: string | undefined): TransportKind | undefined {
  if (transport === undefined || (TRANSPORTS as readonly string[]).includes(transport)) return transport as TransportKind | undefined;
  throw new ExtractError(`--transport must be one of ${TRANSPORTS.join(', ')}, not "${transport}"`);
}

/**
 * The topology with `domain` moved out of the unit hosting it into a new unit named after it
 * (no HTTP API: the unit it left keeps serving that). Over TCP every unit that hosts a domain
 * needs an address: the new unit, and the one it left if it had none (a monolith), get free ports.
 */
export function extractDomain(from: Topology, fromFile: string, domain: string, name: string, transport: TransportKind | undefined): Topology {
  const source = from.units.find((u) => u.domains.includes(domain));
  if (!source) throw new ExtractError(`domain "${domain}" is not in ${fromFile} (it hosts: ${from.units.flatMap((u) => u.domains).join(', ')})`);
  if (source.domains.length === 1) throw new ExtractError(`domain "${domain}" already has a unit of its own in ${fromFile}: "${source.name}"`);
  if (from.units.some((u) => u.name === domain)) throw new ExtractError(`${fromFile} already has a unit named "${domain}"`);

  const kind = transport ?? from.transport ?? 'tcp';
  const taken = portsIn(from);
  const needsAddress = (unit: TopologyUnit) => (unit.transport ?? kind) === 'tcp' && unit.domains.length > 0 && !unit.address && !unit.addresses;
  const units: TopologyUnit[] = from.units.map((unit) => {
    if (unit !== source) return unit;
    const rest = { ...unit, domains: unit.domains.filter((d) => d !== domain) };
    return needsAddress(rest) ? { ...rest, address: `127.0.0.1:${freePort(taken)}` } : rest;
  });
  const extracted: TopologyUnit = { name: domain, domains: [domain], http: false };
  if (needsAddress(extracted)) extracted.address = `127.0.0.1:${freePort(taken)}`;
  units.splice(units.indexOf(units.find((u) => u.name === source.name)!) + 1, 0, extracted);
  return { ...from, name, transport: kind, units } as Topology;
}
