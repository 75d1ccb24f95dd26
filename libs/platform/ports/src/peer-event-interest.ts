import type { Topology } from '@foodcourt/platform-topology';

/**
 * The event types each domain's core consumes, by domain, as its contract declares them
 * (contract-registry's DOMAIN_CONSUMES). A binary hands it to MessagingModule so the TCP
 * relay pushes an event only to units hosting a domain that may consume it. It is static, compiled
 * into the publisher, never learned from peers at run time: see docs/adr/0005-events-between-units.md.
 */
export type EventInterestByDomain = Readonly<Record<string, readonly string[]>>;

/** Whether unit `peer` may consume events of `type`, i.e. must be sent them. */
export type PeerEventFilter = (peer: string, type: string) => boolean;

/**
 * Per peer, the union of what its hosted domains consume. A peer hosting a domain the map does
 * not name (or no map at all) may consume anything: sending too much costs a round trip, too
 * little loses an event for good.
 */
export function peerEventFilter(topology: Topology, interest: EventInterestByDomain | undefined): PeerEventFilter {
  if (!interest) return () => true;
  const byPeer = new Map<string, ReadonlySet<string> | 'anything'>();
  for (const unit of topology.units) {
    const known = unit.domains.every((domain) => Object.hasOwn(interest, domain));
    byPeer.set(unit.name, known ? new Set(unit.domains.flatMap((domain) => interest[domain]!)) : 'anything');
  }
  return (peer, type) => {
    const consumed = byPeer.get(peer) ?? 'anything';
    return consumed === 'anything' || consumed.has(type);
  };
}
