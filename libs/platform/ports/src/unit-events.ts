import { Injectable } from '@nestjs/common';
import type { EventTransport, UnitEventContext } from '@foodcourt/platform-wire';
import { peerEventFilter, type EventInterestByDomain } from './peer-event-interest';
import { RpcHandlers } from './rpc-handlers';
import { UnitConnections } from './unit-connections';
import { UnitDirectory } from './unit-directory';

/**
 * How this unit's events reach the others: its own transport's event carrier (TCP pushes to each
 * unit, NATS JetStream, RabbitMQ), given what it needs of the topology. Messaging asks for it
 * with the in-process delivery to this unit's own subscribers.
 */
@Injectable()
export class UnitEvents {
  constructor(
    private readonly directory: UnitDirectory,
    private readonly connections: UnitConnections,
    private readonly handlers: RpcHandlers,
  ) {}

  /**
   * The transport carrying events between units, or `local` itself when no other unit hosts a
   * domain. `interest` (what each domain consumes) lets a relay skip units that would drop an event.
   */
  transport(local: EventTransport, interest?: EventInterestByDomain): EventTransport {
    const { directory } = this;
    const peers = directory.peers();
    if (peers.length === 0) return local;
    const mayConsume = peerEventFilter(directory.resolved.topology, interest);
    const context: UnitEventContext = {
      self: directory.self,
      endpoint: directory.endpoint(directory.self),
      hostsDomains: directory.resolved.unit.domains.length > 0,
      consumers: directory.consumers(),
      peers,
      local,
      mayConsume,
      call: (peer, pattern, data, options) => this.connections.callerOf(peer)(pattern, data, options),
      handle: (pattern, handler) => this.handlers.register(pattern, handler),
    };
    return directory.transportOf(directory.self).events(context);
  }
}
